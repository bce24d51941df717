package dev.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.testing.FixedClock;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store with the real Parquet parts, checked against DuckDB reading the files in place. */
final class TestColumnStoreParquet {
    @TempDir
    Path dir;

    BufferAllocator allocator;
    FixedClock clock = new FixedClock(TestColumnStore.NOW);

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void checkLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    ColumnStore open() {
        return ColumnStore.open(StorageConfig.builder(dir).clock(clock).scanBatchRows(100).build(),
                new ParquetPartWriter(PartWriterConfig.DEFAULT), new ParquetPartReader(), new PrometheusRegistry(), allocator);
    }

    @Test
    void duckDbReadsFlushedPartsInPlaceAndSeesExactlyWhatWasWritten() throws Exception {
        long t0 = TestColumnStore.T0;
        List<SeriesSamples> series = new ArrayList<>();
        double expectedSum = 0;
        for (int s = 0; s < 20; s++) {
            long[] ts = new long[50];
            double[] values = new double[50];
            for (int i = 0; i < 50; i++) {
                ts[49 - i] = t0 + i * 15_000L; // newest first: out of order on purpose
                values[49 - i] = s * 100 + i;
                expectedSum += s * 100 + i;
            }
            series.add(SeriesSamples.of(Labels.of("__name__", "requests_total", "job", "api", "pod", "p" + s), ts, values));
        }
        List<String> fromHead;
        List<String> columns = List.of("series_id", "metric", "labels", "ts", "value");
        try (ColumnStore store = open()) {
            store.writeSamples("t1", new SampleBatch(series, List.of(new MetricMetadata("requests_total", MetricType.COUNTER, "Requests.", ""))));
            store.writeLogs("t1", TestColumnStore.logs());
            store.writeSpans("t1", TestColumnStore.spans());
            fromHead = ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, columns), allocator);
            assertThat(fromHead).hasSize(1000);
            store.flush();
            assertThat(ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, columns), allocator))
                    .containsExactlyElementsOf(fromHead);
        }
        try (ColumnStore store = open()) {
            // after a restart the labels come from the series parts
            assertThat(ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, columns), allocator))
                    .containsExactlyElementsOf(fromHead);
            assertThat(ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("value"))
                    .withMatchers(List.of(LabelMatcher.equal("pod", "p3"))), allocator)).contains("value=349.0");
        }
        String parts = dir.resolve("parts").toString();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement st = duck.createStatement()) {
            try (ResultSet rs = st.executeQuery("""
                    SELECT count(*), sum(coalesce(s.value, s.value_int / s.value_div)), count(DISTINCT s.series_id), min(s.tenant), min(s.day)::VARCHAR,
                           min(epoch_ms(s.ts)), max(epoch_ms(s.ts)), min(r.metric_type), count(DISTINCT r.labels['pod'])
                    FROM read_parquet('%1$s/samples/**/*.parquet', hive_partitioning = true) s
                    JOIN read_parquet('%1$s/series/**/*.parquet', hive_partitioning = true) r USING (series_id)
                    """.formatted(parts))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(1000);
                assertThat(rs.getDouble(2)).isEqualTo(expectedSum);
                assertThat(rs.getLong(3)).isEqualTo(20);
                assertThat(rs.getString(4)).isEqualTo("t1");
                assertThat(rs.getString(5)).isEqualTo("2026-11-23");
                assertThat(rs.getLong(6)).isEqualTo(t0);
                assertThat(rs.getLong(7)).isEqualTo(t0 + 49 * 15_000L);
                assertThat(rs.getString(8)).isEqualTo("counter");
                assertThat(rs.getLong(9)).isEqualTo(20);
            }
            try (ResultSet rs = st.executeQuery("SELECT line FROM read_parquet('%s/logs/**/*.parquet', hive_partitioning = true) ORDER BY ts"
                    .formatted(parts))) {
                List<String> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
                assertThat(lines).containsExactly("db line", "first", "second");
            }
            try (ResultSet rs = st.executeQuery("SELECT count(*), min(name) FROM read_parquet('%s/spans/**/*.parquet', hive_partitioning = true)"
                    .formatted(parts))) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(2);
                assertThat(rs.getString(2)).isEqualTo("GET /");
            }
        }
    }
}
