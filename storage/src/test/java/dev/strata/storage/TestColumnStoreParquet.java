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
    void compactedSamplesPartRecordsRowRunsAndMatcherScansReadOnlyTheirSeries() throws Exception {
        long t0 = TestColumnStore.T0;
        List<String> wanted = new ArrayList<>();
        List<String> columns = List.of("series_id", "ts", "value");
        try (ColumnStore store = ColumnStore.open(StorageConfig.builder(dir).clock(clock).scanBatchRows(100).compactionMinParts(3).build(),
                new ParquetPartWriter(PartWriterConfig.DEFAULT.withRowGroupRows(700).withSamplePageRows(64)), new ParquetPartReader(),
                new PrometheusRegistry(), allocator)) {
            for (int flush = 0; flush < 3; flush++) {
                List<SeriesSamples> series = new ArrayList<>();
                for (int s = 0; s < 30; s++) {
                    long[] ts = new long[20];
                    double[] values = new double[20];
                    for (int i = 0; i < 20; i++) {
                        ts[i] = t0 + (flush * 20 + i) * 15_000L;
                        values[i] = s * 1000 + flush * 20 + i;
                    }
                    Labels labels = Labels.of("__name__", "requests_total", "pod", "p" + s);
                    series.add(SeriesSamples.of(labels, ts, values));
                    if (s % 7 == 3) {
                        for (int i = 0; i < 20; i++) {
                            wanted.add("series_id=" + labels.stableHash() + "|ts=" + ts[i] + "|value=" + values[i]);
                        }
                    }
                }
                store.writeSamples("t1", new SampleBatch(series, List.of()));
                store.flush();
            }
            assertThat(store.compact()).isEqualTo(1);
            var merged = store.parts().stream().filter(p -> p.table().equals(TelemetryTables.SAMPLES)).toList();
            assertThat(merged).hasSize(1);
            assertThat(merged.get(0).level()).isEqualTo(1);
            var index = dev.strata.storage.part.PartIndex.read(
                    dev.strata.storage.part.PartIndex.sidecarOf(dir.resolve(merged.get(0).relativePath())));
            assertThat(index.rowGroups()).hasSize(3).allMatch(dev.strata.storage.part.RowGroupIndex::hasRuns);

            List<String> read = ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, columns)
                    .withMatchers(List.of(LabelMatcher.of("pod", dev.strata.spi.model.MatchOp.REGEX, "p3|p10|p17|p24"))), allocator);
            // exactly the four series' rows: the store no longer returns other series of the row groups
            assertThat(read).containsExactlyInAnyOrderElementsOf(wanted);
        }
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
