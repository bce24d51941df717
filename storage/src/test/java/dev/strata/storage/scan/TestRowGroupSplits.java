package dev.strata.storage.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sealed part is scanned as one split per row group, so that a query's workers can share one
 * part: the splits in order return exactly the rows a reader of the whole file returns, and each
 * holds its own reference to the part (released scans leave the file in place for the next).
 */
final class TestRowGroupSplits {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long T0 = NOW.toEpochMilli() - 3_600_000;
    private static final List<String> COLUMNS = List.of("series_id", "ts", "value");

    @TempDir
    Path dir;

    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void checkLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private ColumnStore open() {
        StorageConfig config = StorageConfig.builder(dir).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
        return ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT.withRowGroupRows(10)), new ParquetPartReader(),
                new PrometheusRegistry(), allocator);
    }

    @Test
    void aPartIsOneSplitPerRowGroupReturningTheWholeFileInOrder() {
        try (ColumnStore store = open()) {
            List<SeriesSamples> series = new ArrayList<>();
            for (int s = 0; s < 5; s++) {
                long[] ts = new long[20];
                double[] values = new double[20];
                for (int i = 0; i < ts.length; i++) {
                    ts[i] = T0 + i * 15_000L;
                    values[i] = s * 100 + i;
                }
                series.add(SeriesSamples.of(Labels.of("__name__", "up", "instance", "host-" + s), ts, values));
            }
            store.writeSamples("t1", new SampleBatch(series, List.of()));
            store.flush();
            PartMeta meta = store.parts().stream().filter(p -> p.table().equals(TelemetryTables.SAMPLES)).findFirst().orElseThrow();
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.SAMPLES, COLUMNS);
            List<Split> splits = store.splits(request);
            try {
                int rowGroups = new ParquetPartReader().rowGroupCount(dir.resolve(meta.relativePath()), meta);
                assertThat(rowGroups).isGreaterThan(1);
                assertThat(splits).hasSize(rowGroups);
                assertThat(splits.get(1).describe()).contains("(rowgroups 1-1)");
            } finally {
                store.release(splits);
            }
            List<String> whole = wholeFile(meta);
            assertThat(whole).hasSize(100);
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyElementsOf(whole);
            // the released scan left the part in place: a second one reads it again, pruned by series
            ScanRequest one = request.withMatchers(List.of(LabelMatcher.equal("instance", "host-3")));
            List<String> host3 = ScanRows.scan(store, one, allocator);
            assertThat(host3).hasSize(20).allMatch(row -> row.startsWith("series_id="
                    + Labels.of("__name__", "up", "instance", "host-3").stableHash() + "|"));
        }
    }

    private List<String> wholeFile(PartMeta meta) {
        List<String> rows = new ArrayList<>();
        try (BatchReader reader = new ParquetPartReader().open(dir.resolve(meta.relativePath()), meta, COLUMNS, TimeRange.ALL, null, allocator)) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                for (int r = 0; r < root.getRowCount(); r++) {
                    StringBuilder line = new StringBuilder();
                    for (FieldVector v : root.getFieldVectors()) {
                        if (line.length() > 0) {
                            line.append('|');
                        }
                        line.append(v.getName()).append('=').append(v.getObject(r));
                    }
                    rows.add(line.toString());
                }
            }
        }
        return rows;
    }
}
