package dev.strata.storage.compact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.testing.FixedClock;
import dev.strata.storage.testing.IpcPartReader;
import dev.strata.storage.testing.IpcPartWriter;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestCompactionJob {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final long T0 = NOW.toEpochMilli() - 3_600_000;
    static final Labels A = Labels.of("__name__", "up", "instance", "a");
    static final Labels B = Labels.of("__name__", "up", "instance", "b");

    @TempDir
    Path dir;

    BufferAllocator allocator;
    FixedClock clock;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        clock = new FixedClock(NOW);
    }

    @AfterEach
    void checkLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    ColumnStore open(StorageConfig.Builder config) {
        return ColumnStore.open(config.clock(clock).scanBatchRows(3).build(), new IpcPartWriter(allocator), new IpcPartReader(),
                new PrometheusRegistry(), allocator);
    }

    static SampleBatch sample(Labels labels, long ts, double value) {
        return new SampleBatch(List.of(SeriesSamples.of(labels, new long[] {ts}, new double[] {value})), List.of());
    }

    List<String> scanSamples(ColumnStore store) {
        return ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("series_id", "ts", "value")), allocator);
    }

    static String row(Labels labels, long ts, double value) {
        return "series_id=" + labels.stableHash() + "|ts=" + ts + "|value=" + value;
    }

    List<PartMeta> parts(ColumnStore store, String table) {
        return store.parts().stream().filter(p -> p.table().equals(table)).toList();
    }

    @Test
    void mergesSmallPartsDeduplicatingWithTheNewestValue() throws Exception {
        try (ColumnStore store = open(StorageConfig.builder(dir).compactionMinParts(3))) {
            store.writeSamples("t1", sample(A, T0, 1));
            store.writeSamples("t1", sample(B, T0, 10));
            store.flush();
            store.writeSamples("t1", sample(A, T0 + 1000, 2));
            store.writeSamples("t1", sample(A, T0, 100)); // a client retry with a new value for the same sample
            store.flush();
            store.writeSamples("t1", sample(B, T0 + 1000, 11));
            store.writeSamples("t1", sample(A, T0, 1000));
            store.flush();
            assertThat(parts(store, TelemetryTables.SAMPLES)).hasSize(3);
            assertThat(scanSamples(store)).hasSize(6);
            List<Path> oldFiles = parts(store, TelemetryTables.SAMPLES).stream().map(p -> dir.resolve(p.relativePath())).toList();

            // a scan planned before the compaction keeps its files readable
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("value"));
            List<Split> held = store.splits(request);

            // the three samples parts are merged; the series are in one part (only the first seal saw new series)
            assertThat(store.compact()).isEqualTo(1);
            List<PartMeta> merged = parts(store, TelemetryTables.SAMPLES);
            assertThat(merged).hasSize(1);
            assertThat(merged.get(0).level()).isEqualTo(1);
            assertThat(merged.get(0).rowCount()).isEqualTo(4);
            assertThat(parts(store, TelemetryTables.SERIES)).hasSize(1);
            assertThat(parts(store, TelemetryTables.SERIES).get(0).rowCount()).isEqualTo(2);

            List<String> expected = new java.util.ArrayList<>();
            for (Labels l : A.stableHash() < B.stableHash() ? List.of(A, B) : List.of(B, A)) {
                if (l == A) {
                    expected.add(row(A, T0, 1000));
                    expected.add(row(A, T0 + 1000, 2));
                } else {
                    expected.add(row(B, T0, 10));
                    expected.add(row(B, T0 + 1000, 11));
                }
            }
            assertThat(scanSamples(store)).containsExactlyElementsOf(expected);

            assertThat(oldFiles).allMatch(Files::exists);
            int heldRows = 0;
            for (Split split : held) {
                try (BatchReader reader = store.open(request, split, allocator)) {
                    while (reader.loadNext()) {
                        heldRows += reader.root().getRowCount();
                    }
                }
            }
            assertThat(heldRows).isEqualTo(6);
            store.release(held);
            assertThat(oldFiles).noneMatch(Files::exists);
            assertThat(store.compact()).isZero();
        }
        try (ColumnStore store = open(StorageConfig.builder(dir).compactionMinParts(3))) {
            assertThat(scanSamples(store)).hasSize(4);
        }
    }

    @Test
    void leavesLargeOrFewPartsAlone() {
        try (ColumnStore store = open(StorageConfig.builder(dir).compactionMinParts(2).compactionSmallPartBytes(10))) {
            store.writeSamples("t1", sample(A, T0, 1));
            store.flush();
            store.writeSamples("t1", sample(A, T0 + 1, 1));
            store.flush();
            assertThat(store.compact()).isZero(); // every part is larger than 10 bytes
        }
    }

    @Test
    void mergesLogsKeepingEveryLineInOrder() {
        try (ColumnStore store = open(StorageConfig.builder(dir).compactionMinParts(2))) {
            long base = T0 * 1_000_000;
            Labels stream = Labels.of("app", "api");
            store.writeLogs("t1", new LogBatch(List.of(new LogStream(stream, List.of(new LogEntry(base + 5, "b", Labels.EMPTY, null, null, null))))));
            store.flush();
            store.writeLogs("t1", new LogBatch(List.of(new LogStream(stream, List.of(
                    new LogEntry(base + 1, "a", Labels.EMPTY, null, null, null),
                    new LogEntry(base + 5, "b", Labels.EMPTY, null, null, null))))));
            store.flush();
            store.compact();
            assertThat(parts(store, TelemetryTables.LOGS)).hasSize(1);
            assertThat(ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.LOGS, List.of("line")), allocator))
                    .containsExactly("line=a", "line=b", "line=b");
        }
    }

    @Test
    void retentionDropsExpiredPartsPerTableAndTenant() {
        StorageConfig.Builder config = StorageConfig.builder(dir)
                .retention(TelemetryTables.SAMPLES, Duration.ofDays(2))
                .tenantRetention(TelemetryTables.SAMPLES, "t2", Duration.ofDays(10));
        try (ColumnStore store = open(config)) {
            store.writeSamples("t1", sample(A, T0, 1));
            store.writeSamples("t2", sample(A, T0, 1));
            store.flush();
            clock.advance(Duration.ofDays(1));
            store.writeSamples("t1", sample(B, clock.millis(), 2));
            store.flush();
            assertThat(store.applyRetention()).isZero();

            clock.advance(Duration.ofDays(1).plusHours(2)); // T0 is now 2 days 3 hours old
            List<PartMeta> samples = parts(store, TelemetryTables.SAMPLES);
            assertThat(samples).hasSize(3);
            assertThat(store.applyRetention()).isEqualTo(1);
            assertThat(parts(store, TelemetryTables.SAMPLES)).extracting(PartMeta::tenant).containsExactlyInAnyOrder("t1", "t2");
            assertThat(scanSamples(store)).containsExactly(row(B, NOW.toEpochMilli() + 86_400_000, 2));
            // files go after the manifest; series parts stay
            assertThat(samples.stream().filter(p -> p.tenant().equals("t1") && p.maxTimeNanos() < (NOW.toEpochMilli()) * 1_000_000))
                    .allMatch(p -> !Files.exists(dir.resolve(p.relativePath())));
            assertThat(parts(store, TelemetryTables.SERIES)).hasSize(3);
        }
    }
}
