package dev.strata.storage.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A head generation is scanned as several splits of whole series that workers read concurrently:
 * in order they return the generation's rows in the parts' order, and read on several threads
 * while ingest keeps appending and seals move generations into parts, they return exactly the
 * rows written before the scan was planned, each once.
 */
final class TestHeadSplits {
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

    private ColumnStore open(StorageConfig.Builder config) {
        return ColumnStore.open(config.clock(Clock.fixed(NOW, ZoneOffset.UTC)).fsyncPolicy(FsyncPolicy.NEVER).build(),
                new ParquetPartWriter(PartWriterConfig.DEFAULT), new ParquetPartReader(), new PrometheusRegistry(), allocator);
    }

    @Test
    void aHeadGenerationIsSeveralSplitsReturningItsRowsInIdThenTimeOrder() {
        try (ColumnStore store = open(StorageConfig.builder(dir).scanHeadSplitRows(40).scanBatchRows(16))) {
            // 10 series x 20 samples: 5 splits of 40 rows (2 series each)
            TreeMap<Long, List<String>> expected = new TreeMap<>();
            List<SeriesSamples> series = new ArrayList<>();
            for (int s = 0; s < 10; s++) {
                Labels labels = Labels.of("__name__", "up", "instance", "host-" + s);
                long[] ts = new long[20];
                double[] values = new double[20];
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ts[i] = T0 + i * 15_000L;
                    values[i] = s * 100 + i;
                    rows.add("series_id=" + labels.stableHash() + "|ts=" + ts[i] + "|value=" + values[i]);
                }
                expected.put(labels.stableHash(), rows);
                series.add(SeriesSamples.of(labels, ts, values));
            }
            store.writeSamples("t1", new SampleBatch(series, List.of()));
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.SAMPLES, COLUMNS);
            List<Split> splits = store.splits(request);
            try {
                assertThat(splits).hasSize(5).allMatch(split -> split.describe().startsWith("head samples"));
                assertThat(splits).allMatch(split -> split.estimatedRows() == 40);
            } finally {
                store.release(splits);
            }
            List<String> all = new ArrayList<>();
            expected.values().forEach(all::addAll);
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyElementsOf(all);

            // a selection of one series is one split of it
            Labels host3 = Labels.of("__name__", "up", "instance", "host-3");
            ScanRequest one = request.withMatchers(List.of(LabelMatcher.equal("instance", "host-3")));
            List<Split> oneSplit = store.splits(one);
            store.release(oneSplit);
            assertThat(oneSplit).hasSize(1);
            assertThat(ScanRows.scan(store, one, allocator)).containsExactlyElementsOf(expected.get(host3.stableHash()));
        }
    }

    @Test
    void logsOfAHeadGenerationAreSplitByStream() {
        try (ColumnStore store = open(StorageConfig.builder(dir).scanHeadSplitRows(30))) {
            List<LogStream> streams = new ArrayList<>();
            TreeMap<Long, List<String>> expected = new TreeMap<>();
            for (int s = 0; s < 6; s++) {
                Labels labels = Labels.of("app", "api-" + s);
                List<LogEntry> entries = new ArrayList<>();
                List<String> rows = new ArrayList<>();
                for (int i = 0; i < 15; i++) {
                    long ts = (T0 + i * 1000L) * 1_000_000L;
                    entries.add(new LogEntry(ts, "line " + s + "/" + i, Labels.EMPTY, null, null, null));
                    rows.add("stream_id=" + labels.stableHash() + "|line=line " + s + "/" + i);
                }
                expected.put(labels.stableHash(), rows);
                streams.add(new LogStream(labels, entries));
            }
            store.writeLogs("t1", new LogBatch(streams));
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.LOGS, List.of("stream_id", "line"));
            List<Split> splits = store.splits(request);
            store.release(splits);
            assertThat(splits).hasSize(3);
            List<String> all = new ArrayList<>();
            expected.values().forEach(all::addAll);
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyElementsOf(all);
        }
    }

    /**
     * A writer appends one sample to each of 25 series per round (value = round), a sealer thread
     * moves the head into parts every 400 rounds (and the head limit every ~4,000 rows), and scans
     * planned meanwhile are read by three threads at once. Each
     * scan must return, for every series, rounds {@code 0..R-1} exactly once, with one {@code R}
     * for all series, at least the rounds completed before planning and at most those begun.
     */
    @Test
    void concurrentIngestSealsAndSplitReadsSeeExactSnapshots() throws Exception {
        int seriesCount = 25;
        int rounds = 2400;
        Labels[] labels = new Labels[seriesCount];
        Map<Long, Integer> indexOfId = new HashMap<>();
        for (int s = 0; s < seriesCount; s++) {
            labels[s] = Labels.of("__name__", "load", "i", Integer.toString(s));
            indexOfId.put(labels[s].stableHash(), s);
        }
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try (ColumnStore store = open(StorageConfig.builder(dir).headMaxRows(4000).scanHeadSplitRows(500).scanBatchRows(128))) {
            AtomicInteger started = new AtomicInteger();
            AtomicInteger completed = new AtomicInteger();
            AtomicBoolean failed = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try {
                    for (int r = 0; r < rounds; r++) {
                        List<SeriesSamples> batch = new ArrayList<>(seriesCount);
                        for (int s = 0; s < seriesCount; s++) {
                            batch.add(SeriesSamples.of(labels[s], new long[] {T0 + r * 1000L}, new double[] {r}));
                        }
                        started.set(r + 1);
                        store.writeSamples("t1", new SampleBatch(batch, List.of()));
                        completed.set(r + 1);
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                    throw e;
                }
            }, "test-writer");
            Thread sealer = new Thread(() -> {
                try {
                    for (int at = 400; at < rounds; at += 400) {
                        while (completed.get() < at) {
                            Thread.onSpinWait();
                        }
                        store.flush();
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                    throw e;
                }
            }, "test-sealer");
            writer.start();
            sealer.start();
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.SAMPLES, COLUMNS);
            int scans = 0;
            int maxSplits = 0;
            int lastSeen = -1;
            while (lastSeen < rounds) {
                int before = completed.get();
                List<Split> splits = store.splits(request);
                int after = started.get();
                int[][] counts;
                try {
                    maxSplits = Math.max(maxSplits, splits.size());
                    counts = readConcurrently(store, request, splits, readers, seriesCount, rounds, indexOfId);
                } finally {
                    store.release(splits);
                }
                int seen = roundsSeen(counts[0]);
                for (int s = 0; s < seriesCount; s++) {
                    assertThat(roundsSeen(counts[s])).as("rounds of series %d in scan %d", s, scans).isEqualTo(seen);
                }
                assertThat(seen).as("scan %d planned after %d rounds completed and before %d began", scans, before, after)
                        .isBetween(before, after);
                lastSeen = seen;
                scans++;
                assertThat(failed).isFalse();
            }
            writer.join();
            sealer.join();
            assertThat(scans).isGreaterThan(1);
            assertThat(maxSplits).isGreaterThan(1);
            assertThat(store.parts()).as("seals ran during the test").isNotEmpty();
        } finally {
            readers.shutdown();
            assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** How many rounds {@code 0..R-1} a series holds, failing on a repeated or missing one. */
    private static int roundsSeen(int[] countsByRound) {
        int r = 0;
        while (r < countsByRound.length && countsByRound[r] == 1) {
            r++;
        }
        for (int i = 0; i < countsByRound.length; i++) {
            assertThat(countsByRound[i]).as("times round %d was returned (prefix of %d rounds)", i, r).isEqualTo(i < r ? 1 : 0);
        }
        return r;
    }

    /** Reads the splits on the pool's threads at once, each taking the next unread split; returns counts per series and round. */
    private int[][] readConcurrently(ColumnStore store, ScanRequest request, List<Split> splits, ExecutorService pool, int seriesCount,
            int rounds, Map<Long, Integer> indexOfId) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Future<int[][]>> futures = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            futures.add(pool.submit(() -> {
                int[][] counts = new int[seriesCount][rounds];
                for (int at = next.getAndIncrement(); at < splits.size(); at = next.getAndIncrement()) {
                    try (BatchReader reader = store.open(request, splits.get(at), allocator)) {
                        while (reader.loadNext()) {
                            VectorSchemaRoot root = reader.root();
                            BigIntVector ids = (BigIntVector) root.getVector("series_id");
                            TimeStampVector ts = (TimeStampVector) root.getVector("ts");
                            Float8Vector values = (Float8Vector) root.getVector("value");
                            for (int i = 0; i < root.getRowCount(); i++) {
                                int round = (int) values.get(i);
                                assertThat(ts.get(i)).isEqualTo(T0 + round * 1000L);
                                counts[indexOfId.get(ids.get(i))][round]++;
                            }
                        }
                    }
                }
                return counts;
            }));
        }
        int[][] total = new int[seriesCount][rounds];
        for (Future<int[][]> future : futures) {
            int[][] counts = future.get(60, TimeUnit.SECONDS);
            for (int s = 0; s < seriesCount; s++) {
                for (int r = 0; r < rounds; r++) {
                    total[s][r] += counts[s][r];
                }
            }
        }
        return total;
    }
}
