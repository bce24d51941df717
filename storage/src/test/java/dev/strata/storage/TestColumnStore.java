package dev.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.testing.FixedClock;
import dev.strata.storage.testing.IpcPartReader;
import dev.strata.storage.testing.IpcPartWriter;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.SpanEvent;
import dev.strata.storage.write.SpanLink;
import dev.strata.storage.write.SpanRecord;
import dev.strata.storage.write.WriteResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestColumnStore {
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    static final long T0 = NOW.toEpochMilli() - 3_600_000;
    static final List<String> SAMPLE_COLUMNS = List.of("series_id", "metric", "labels", "ts", "value");

    @TempDir
    Path dir;

    BufferAllocator allocator;
    FixedClock clock;
    IpcPartWriter writer;
    IpcPartReader reader;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        clock = new FixedClock(NOW);
        writer = new IpcPartWriter(allocator);
        reader = new IpcPartReader();
    }

    @AfterEach
    void checkLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    StorageConfig config(Path dataDir) {
        return StorageConfig.builder(dataDir).clock(clock).walSegmentBytes(64 << 10).scanBatchRows(7).build();
    }

    ColumnStore open(Path dataDir) {
        return ColumnStore.open(config(dataDir), writer, reader, new PrometheusRegistry(), allocator);
    }

    static SampleBatch samples(Labels labels, long... tsAndValues) {
        long[] ts = new long[tsAndValues.length / 2];
        double[] values = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = tsAndValues[2 * i];
            values[i] = tsAndValues[2 * i + 1];
        }
        return new SampleBatch(List.of(SeriesSamples.of(labels, ts, values)), List.of());
    }

    static final Labels UP_A = Labels.of("__name__", "up", "job", "api", "instance", "a");
    static final Labels UP_B = Labels.of("__name__", "up", "job", "api", "instance", "b");
    static final Labels REQS = Labels.of("__name__", "http_requests_total", "job", "web");

    List<String> scan(ColumnStore store, String table, List<String> columns) {
        return ScanRows.scan(store, ScanRequest.of("t1", table, columns), allocator);
    }

    List<String> scanSamples(ColumnStore store, LabelMatcher... matchers) {
        return ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.SAMPLES, SAMPLE_COLUMNS).withMatchers(List.of(matchers)),
                allocator);
    }

    static String row(Labels labels, long ts, double value) {
        return "series_id=" + labels.stableHash() + "|metric=" + labels.metricName() + "|labels="
                + render(labels.withoutMetricName()) + "|ts=" + ts + "|value=" + value;
    }

    static String render(Labels labels) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"key\":\"").append(labels.name(i)).append("\",\"value\":\"").append(labels.value(i)).append("\"}");
        }
        return out.append(']').toString();
    }

    List<String> expectedUp() {
        List<String> rows = new ArrayList<>();
        // sorted by series id, then time; duplicates of one timestamp keep the last value written
        Labels first = Long.compare(UP_A.stableHash(), UP_B.stableHash()) < 0 ? UP_A : UP_B;
        Labels second = first == UP_A ? UP_B : UP_A;
        for (Labels l : List.of(first, second)) {
            if (l == UP_A) {
                rows.add(row(UP_A, T0, 1));
                rows.add(row(UP_A, T0 + 15_000, 5));
                rows.add(row(UP_A, T0 + 30_000, 3));
            } else {
                rows.add(row(UP_B, T0, 0));
            }
        }
        return rows;
    }

    void writeUp(ColumnStore store) {
        store.writeSamples("t1", samples(UP_A, T0 + 30_000, 3, T0, 1, T0 + 15_000, 2));
        store.writeSamples("t1", samples(UP_B, T0, 0));
        // same series and timestamp again: the last value wins
        store.writeSamples("t1", samples(UP_A, T0 + 15_000, 5));
    }

    @Test
    void headIsVisibleAtOnceSortedAndDeduplicated() {
        try (ColumnStore store = open(dir)) {
            writeUp(store);
            assertThat(scanSamples(store)).containsExactlyElementsOf(expectedUp());
            assertThat(scanSamples(store, LabelMatcher.equal("instance", "b"))).containsExactly(row(UP_B, T0, 0));
            assertThat(store.labelValues("t1", TelemetryTables.SAMPLES, "instance", List.of(), TimeRange.ALL)).containsExactly("a", "b");
            // b has samples only at T0: outside this range
            assertThat(store.labelValues("t1", TelemetryTables.SAMPLES, "instance", List.of(), TimeRange.ofMillis(T0 + 1000, T0 + 60_000)))
                    .containsExactly("a");
            assertThat(store.labelSets("t1", TelemetryTables.SAMPLES, List.of(LabelMatcher.of("instance", MatchOp.NOT_EQUAL, "a")),
                    TimeRange.ALL)).containsExactly(UP_B);
        }
    }

    @Test
    void flushWritesPartsThatScanTheSame() throws IOException {
        try (ColumnStore store = open(dir)) {
            writeUp(store);
            store.flush();
            assertThat(partFiles(TelemetryTables.SAMPLES)).hasSize(1);
            assertThat(partFiles(TelemetryTables.SERIES)).hasSize(1);
            assertThat(partFiles(TelemetryTables.SAMPLES).get(0).toString())
                    .contains("parts/samples/tenant=t1/day=2026-11-23/").endsWith(".parquet");
            assertThat(scanSamples(store)).containsExactlyElementsOf(expectedUp());
            // only ts and value, from the part
            assertThat(scan(store, TelemetryTables.SAMPLES, List.of("value"))).hasSize(4);
        }
    }

    @Test
    void reopenReplaysTheWalAndReadsPartsWithoutDuplicates() {
        try (ColumnStore store = open(dir)) {
            store.writeSamples("t1", samples(UP_A, T0 + 30_000, 3, T0, 1, T0 + 15_000, 2));
            store.flush();
            store.writeSamples("t1", samples(UP_B, T0, 0));
            store.writeSamples("t1", samples(UP_A, T0 + 15_000, 5));
        }
        try (ColumnStore store = open(dir)) {
            // the duplicate (UP_A at T0+15s) is in two parts now; dedup across parts is compaction's job
            List<String> rows = scanSamples(store);
            assertThat(rows).hasSize(5).containsAll(expectedUp());
            assertThat(store.labelNames("t1", TelemetryTables.SAMPLES, List.of(), TimeRange.ALL)).containsExactly("__name__", "instance", "job");
        }
    }

    @Test
    void discardSealsNothingAndLeavesTheWritesInTheWal() throws IOException {
        ColumnStore discarded = open(dir);
        writeUp(discarded);
        discarded.discard();
        assertThat(partFiles(TelemetryTables.SAMPLES)).isEmpty();
        assertThat(partFiles(TelemetryTables.SERIES)).isEmpty();
        try (ColumnStore store = open(dir)) {
            assertThat(scanSamples(store)).containsExactlyElementsOf(expectedUp());
        }
        assertThat(partFiles(TelemetryTables.SAMPLES)).hasSize(1);
    }

    @Test
    void crashWithoutCloseLosesNothingAcknowledged() throws IOException {
        Path crashed = dir.resolve("crashed");
        Path data = dir.resolve("data");
        try (ColumnStore store = open(data)) {
            store.writeSamples("t1", samples(UP_A, T0 + 30_000, 3, T0, 1, T0 + 15_000, 2));
            store.flush();
            store.writeSamples("t1", samples(UP_B, T0, 0));
            store.writeSamples("t1", new SampleBatch(List.of(SeriesSamples.of(UP_A, new long[] {T0 + 15_000}, new double[] {5})),
                    List.of(new MetricMetadata("up", MetricType.GAUGE, "is it up", ""))));
            copyTree(data, crashed); // the disk as a kill -9 would leave it
        }
        try (ColumnStore store = open(crashed)) {
            assertThat(scanSamples(store)).hasSize(5).containsAll(expectedUp());
            assertThat(scan(store, TelemetryTables.SERIES, List.of("metric", "metric_type", "help")))
                    .containsOnly("metric=up|metric_type=gauge|help=is it up");
            store.flush();
            assertThat(scanSamples(store)).hasSize(5);
        }
        try (ColumnStore store = open(crashed)) {
            assertThat(scanSamples(store)).hasSize(5);
        }
    }

    @Test
    void failedSealLeavesNoVisiblePartAndRetries() throws IOException {
        Path data = dir.resolve("data");
        Path crashed = dir.resolve("crashed");
        try (ColumnStore store = open(data)) {
            writeUp(store);
            store.writeLogs("t1", logs());
            writer.failAfter(1); // the second part file is written, then the writer "crashes"
            org.assertj.core.api.Assertions.assertThatThrownBy(store::flush).isInstanceOf(RuntimeException.class);
            // nothing committed, the head still answers
            assertThat(scanSamples(store)).containsExactlyElementsOf(expectedUp());
            copyTree(data, crashed);
            writer.failAfter(Integer.MAX_VALUE / 2);
        }
        try (ColumnStore store = open(crashed)) {
            // the orphan files were deleted, the WAL replayed
            assertThat(partFiles(crashed, TelemetryTables.SAMPLES)).isEmpty();
            assertThat(scanSamples(store)).containsExactlyElementsOf(expectedUp());
            assertThat(scan(store, TelemetryTables.LOGS, List.of("line"))).hasSize(3);
        }
    }

    @Test
    void writesOutsideRetentionAreRejected() {
        try (ColumnStore store = open(dir)) {
            long old = NOW.toEpochMilli() - Duration.ofDays(16).toMillis();
            WriteResult result = store.writeSamples("t1", samples(UP_A, old, 1, T0, 2));
            assertThat(result.acceptedRows()).isEqualTo(1);
            assertThat(result.rejectedRows()).isEqualTo(1);
            assertThat(scanSamples(store)).containsExactly(row(UP_A, T0, 2));
        }
    }

    static LogBatch logs() {
        long base = T0 * 1_000_000;
        return new LogBatch(List.of(
                new LogStream(Labels.of("app", "api", "level", "info"), List.of(
                        new LogEntry(base + 2, "second", Labels.of("user", "u1"), "0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331", "info"),
                        new LogEntry(base + 1, "first", Labels.EMPTY, null, null, null))),
                new LogStream(Labels.of("app", "db"), List.of(new LogEntry(base, "db line", Labels.EMPTY, null, null, "error")))));
    }

    static SpanBatch spans() {
        long base = T0 * 1_000_000;
        SpanRecord root = new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7", null, null, "GET /", "server", "api",
                base, base + 5_000_000, "ok", null,
                Map.of("http.method", AttributeValue.ofString("GET"), "http.status_code", AttributeValue.ofLong(200)),
                Map.of("service.name", AttributeValue.ofString("api")), "io.otel", "1.0",
                List.of(new SpanEvent(base + 1, "started", Map.of("n", AttributeValue.ofDouble(1.5)))),
                List.of(new SpanLink("5bf92f3577b34da6a3ce929d0e0e4736", "10f067aa0ba902b7", null, Map.of())));
        SpanRecord child = new SpanRecord("4bf92f3577b34da6a3ce929d0e0e4736", "10f067aa0ba902b8", "00f067aa0ba902b7", null, "SELECT",
                "client", "api", base + 1_000, base + 2_000_000, "unset", null, Map.of("ok", AttributeValue.ofBool(true)), Map.of(), null,
                null, List.of(), List.of());
        return new SpanBatch(List.of(child, root));
    }

    @Test
    void logsAndSpansRoundTripThroughHeadPartsAndRestart() {
        List<String> logColumns = TelemetryTables.LOGS_SCHEMA.getFields().stream().map(f -> f.getName()).toList();
        List<String> spanColumns = TelemetryTables.SPANS_SCHEMA.getFields().stream().map(f -> f.getName()).toList();
        List<String> headLogs;
        List<String> headSpans;
        try (ColumnStore store = open(dir)) {
            store.writeLogs("t1", logs());
            store.writeSpans("t1", spans());
            headLogs = scan(store, TelemetryTables.LOGS, logColumns);
            headSpans = scan(store, TelemetryTables.SPANS, spanColumns);
            assertThat(headLogs).hasSize(3);
            assertThat(headLogs.get(0).compareTo(headLogs.get(1))).isNotZero();
            assertThat(headSpans).hasSize(2);
            assertThat(headSpans.get(0)).contains("span_id=00f067aa0ba902b7").contains("attributes_int=[{\"key\":\"http.status_code\",\"value\":200}]")
                    .contains("events=[{\"ts\":");
            store.flush();
            assertThat(scan(store, TelemetryTables.LOGS, logColumns)).containsExactlyElementsOf(headLogs);
            assertThat(scan(store, TelemetryTables.SPANS, spanColumns)).containsExactlyElementsOf(headSpans);
        }
        try (ColumnStore store = open(dir)) {
            assertThat(scan(store, TelemetryTables.LOGS, logColumns)).containsExactlyElementsOf(headLogs);
            assertThat(scan(store, TelemetryTables.SPANS, spanColumns)).containsExactlyElementsOf(headSpans);
            // both streams share one part and the test reader does not prune rows: the engine filters exactly
            assertThat(ScanRows.scan(store, ScanRequest.of("t1", TelemetryTables.LOGS, List.of("line"))
                    .withMatchers(List.of(LabelMatcher.equal("app", "db"))), allocator)).contains("line=db line");
            assertThat(store.splits(ScanRequest.of("t1", TelemetryTables.LOGS, List.of("line"))
                    .withMatchers(List.of(LabelMatcher.equal("app", "nope"))))).isEmpty();
            assertThat(store.labelValues("t1", TelemetryTables.LOGS, "app", List.of(), TimeRange.ALL)).containsExactly("api", "db");
        }
    }

    @Test
    void concurrentWritersAllLandOnce() throws Exception {
        int threads = 4;
        int perThread = 200;
        try (ColumnStore store = open(dir)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Labels labels = Labels.of("__name__", "load", "thread", Integer.toString(thread), "n", Integer.toString(i % 10));
                        store.writeSamples("t1", samples(labels, T0 + i, i));
                        if (thread == 0 && i % 50 == 0) {
                            store.flush();
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(scanSamples(store)).hasSize(threads * perThread).doesNotHaveDuplicates();
        }
        try (ColumnStore store = open(dir)) {
            assertThat(scanSamples(store)).hasSize(threads * perThread).doesNotHaveDuplicates();
            assertThat(store.labelSets("t1", TelemetryTables.SAMPLES, List.of(LabelMatcher.of("thread", MatchOp.REGEX, "0|1")), TimeRange.ALL)).hasSize(20);
        }
    }

    @Test
    void matchersPruneParts() {
        try (ColumnStore store = open(dir)) {
            store.writeSamples("t1", samples(UP_A, T0, 1));
            store.flush();
            store.writeSamples("t1", samples(REQS, T0, 7));
            store.flush();
            int before = reader.opened();
            assertThat(scanSamples(store, LabelMatcher.equal("__name__", "http_requests_total"))).containsExactly(row(REQS, T0, 7));
            // one samples part opened; the one holding only `up` was pruned by its id range
            assertThat(reader.opened() - before).isEqualTo(1);
            assertThat(scanSamples(store, LabelMatcher.equal("__name__", "nope"))).isEmpty();
            ScanRequest late = new ScanRequest("t1", TelemetryTables.SAMPLES, SAMPLE_COLUMNS, TimeRange.ofMillis(T0 + 1, T0 + 10),
                    List.of(), OptionalLong.empty());
            assertThat(store.splits(late)).isEmpty();
        }
    }

    @Test
    void aFullHeadIsSealedInTheBackground() throws InterruptedException {
        StorageConfig small = config(dir).toBuilder().headMaxRows(10).build();
        try (ColumnStore store = ColumnStore.open(small, writer, reader, new PrometheusRegistry(), allocator)) {
            for (int i = 0; i < 12; i++) {
                store.writeSamples("t1", samples(UP_A, T0 + i, i));
            }
            // the seal runs on the background thread; wait for its commit (no timing is asserted)
            for (int wait = 0; wait < 600 && store.parts().stream().noneMatch(p -> p.table().equals(TelemetryTables.SAMPLES)); wait++) {
                Thread.sleep(50);
            }
            assertThat(store.parts()).anyMatch(p -> p.table().equals(TelemetryTables.SAMPLES));
            assertThat(scanSamples(store)).hasSize(12).doesNotHaveDuplicates();
        }
    }

    @Test
    void writesAreRefusedWhileSealsFailAndTheHeadIsFull() {
        StorageConfig tiny = config(dir).toBuilder().headMaxBytes(200).headMaxRows(1_000_000).build();
        try (ColumnStore store = ColumnStore.open(tiny, writer, reader, new PrometheusRegistry(), allocator)) {
            writer.failAfter(0);
            StrataException refused = null;
            for (int i = 0; i < 100 && refused == null; i++) {
                try {
                    store.writeSamples("t1", samples(UP_A, T0 + i, i));
                } catch (StrataException e) {
                    refused = e;
                }
                try {
                    store.flush();
                } catch (StrataException e) {
                    // the writer fails every part: the frozen heads stay pending
                }
            }
            assertThat(refused).isNotNull();
            assertThat(refused.errorCode()).isEqualTo(StorageErrorCode.STORAGE_HEAD_FULL.toErrorCode());
            writer.failAfter(Integer.MAX_VALUE / 2);
            store.flush(); // the pending heads are sealed in order, then writes are accepted again
            store.writeSamples("t1", samples(UP_B, T0, 1));
            assertThat(scanSamples(store)).contains(row(UP_B, T0, 1)).doesNotHaveDuplicates();
        }
    }

    @Test
    void scansDuringSealsAndCompactionsSeeEveryAcknowledgedRowExactlyOnce() throws Exception {
        StorageConfig config = config(dir).toBuilder().compactionMinParts(3).build();
        int total = 300;
        java.util.concurrent.atomic.AtomicLong acknowledged = new java.util.concurrent.atomic.AtomicLong();
        try (ColumnStore store = ColumnStore.open(config, writer, reader, new PrometheusRegistry(), allocator)) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<?> writes = pool.submit(() -> {
                for (int i = 0; i < total; i++) {
                    Labels labels = Labels.of("__name__", "c", "s", Integer.toString(i % 5));
                    store.writeSamples("t1", samples(labels, T0 + i, i));
                    acknowledged.incrementAndGet();
                }
            });
            Future<?> maintenance = pool.submit(() -> {
                while (!writes.isDone()) {
                    store.flush();
                    store.compact();
                }
            });
            int scans = 0;
            while (!writes.isDone() || scans < 3) {
                long before = acknowledged.get();
                List<String> rows = scanSamples(store);
                assertThat(rows).doesNotHaveDuplicates();
                assertThat((long) rows.size()).isGreaterThanOrEqualTo(before);
                scans++;
            }
            writes.get();
            maintenance.get();
            pool.shutdown();
            assertThat(scanSamples(store)).hasSize(total).doesNotHaveDuplicates();
        }
    }

    List<Path> partFiles(String table) throws IOException {
        return partFiles(dir, table);
    }

    static List<Path> partFiles(Path dataDir, String table) throws IOException {
        Path root = dataDir.resolve("parts").resolve(table);
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(dataDir::relativize).toList();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
