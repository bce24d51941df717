package dev.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.ParsedPart;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.testing.FixedClock;
import dev.strata.storage.testing.ScanRows;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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

    /**
     * Each live part's footer and index are parsed once for all scans (decision 0024); compaction
     * replaces the parts, and scans then read the merged part through its own parse: no scan sees
     * the removed parts' rows twice or an old parse, and a scan that held the old parts while they
     * were replaced still reads them whole.
     */
    @Test
    void keptPartParsesFollowCompactionWithoutStaleReads() throws Exception {
        long t0 = TestColumnStore.T0;
        RecordingReader reader = new RecordingReader();
        List<String> columns = List.of("series_id", "ts", "value");
        List<String> wanted = new ArrayList<>();
        try (ColumnStore store = ColumnStore.open(StorageConfig.builder(dir).clock(clock).scanBatchRows(100).compactionMinParts(3).build(),
                new ParquetPartWriter(PartWriterConfig.DEFAULT.withRowGroupRows(200)), reader, new PrometheusRegistry(), allocator)) {
            for (int flush = 0; flush < 3; flush++) {
                List<SeriesSamples> series = new ArrayList<>();
                for (int s = 0; s < 12; s++) {
                    long[] ts = new long[30];
                    double[] values = new double[30];
                    for (int i = 0; i < 30; i++) {
                        ts[i] = t0 + (flush * 30 + i) * 15_000L;
                        values[i] = s * 1000 + flush * 30 + i;
                    }
                    Labels labels = Labels.of("__name__", "requests_total", "pod", "p" + s);
                    series.add(SeriesSamples.of(labels, ts, values));
                    if (s % 5 == 2) {
                        for (int i = 0; i < 30; i++) {
                            wanted.add("series_id=" + labels.stableHash() + "|ts=" + ts[i] + "|value=" + values[i]);
                        }
                    }
                }
                store.writeSamples("t1", new SampleBatch(series, List.of()));
                store.flush();
            }
            ScanRequest request = ScanRequest.of("t1", TelemetryTables.SAMPLES, columns)
                    .withMatchers(List.of(LabelMatcher.of("pod", MatchOp.REGEX, "p2|p7")));
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyInAnyOrderElementsOf(wanted);
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyInAnyOrderElementsOf(wanted);
            List<Path> samplesParts = reader.parsed.stream().filter(f -> f.toString().contains("/samples/")).toList();
            // one parse per samples part for both scans and all their row-group splits
            assertThat(samplesParts).hasSize(3).doesNotHaveDuplicates();
            assertThat(reader.opensWithoutParse).isZero();

            // a scan that planned before the compaction keeps the old parts (and their parses) until released
            List<dev.strata.spi.scan.Split> held = store.splits(request);
            assertThat(store.compact()).isEqualTo(1);
            List<String> fromHeld = new ArrayList<>();
            try {
                for (dev.strata.spi.scan.Split split : held) {
                    try (dev.strata.spi.scan.BatchReader batches = store.open(request, split, allocator)) {
                        while (batches.loadNext()) {
                            for (int r = 0; r < batches.root().getRowCount(); r++) {
                                fromHeld.add("series_id=" + batches.root().getVector("series_id").getObject(r) + "|ts="
                                        + batches.root().getVector("ts").getObject(r) + "|value="
                                        + batches.root().getVector("value").getObject(r));
                            }
                        }
                    }
                }
            } finally {
                store.release(held);
            }
            assertThat(fromHeld).containsExactlyInAnyOrderElementsOf(wanted);
            for (Path old : samplesParts) {
                assertThat(Files.exists(old)).as("removed part %s deleted after the last scan", old).isFalse();
            }

            int opensBefore = reader.opened.size();
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyInAnyOrderElementsOf(wanted);
            PartMeta merged = store.parts().stream().filter(p -> p.table().equals(TelemetryTables.SAMPLES)).findFirst().orElseThrow();
            Path mergedFile = dir.resolve(merged.relativePath());
            assertThat(reader.opened.subList(opensBefore, reader.opened.size())).isNotEmpty().allMatch(mergedFile::equals);
            assertThat(reader.parsed.stream().filter(mergedFile::equals).count()).isEqualTo(1);
            assertThat(ScanRows.scan(store, request, allocator)).containsExactlyInAnyOrderElementsOf(wanted);
            assertThat(reader.parsed.stream().filter(mergedFile::equals).count()).isEqualTo(1);
        }
    }

    /** The Parquet reader, recording which files it parsed and which it opened with a kept parse. */
    private static final class RecordingReader implements PartReader {
        private final ParquetPartReader delegate = new ParquetPartReader();
        final List<Path> parsed = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Path> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile int opensWithoutParse;

        @Override
        public dev.strata.spi.scan.BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids,
                BufferAllocator a) {
            return delegate.open(file, meta, columns, timeRange, ids, a);
        }

        @Override
        public int rowGroupCount(Path file, PartMeta meta) {
            return delegate.rowGroupCount(file, meta);
        }

        @Override
        public ParsedPart parse(Path file, PartMeta meta) {
            parsed.add(file);
            return delegate.parse(file, meta);
        }

        @Override
        public dev.strata.spi.scan.BatchReader open(ParsedPart kept, Path file, PartMeta meta, List<String> columns,
                TimeRange timeRange, long[] ids, int firstRowGroup, int endRowGroup, BufferAllocator a) {
            if (meta.table().equals(TelemetryTables.SAMPLES)) {
                opened.add(file);
                if (kept == null) {
                    opensWithoutParse++;
                }
            }
            return delegate.open(kept, file, meta, columns, timeRange, ids, firstRowGroup, endRowGroup, a);
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

    @Test
    void headAndPartsScanTheSameRowsForEveryRangeAndMatcher() {
        long t0 = TestColumnStore.T0;
        SplittableRandom random = new SplittableRandom(23);
        double[] special = {Double.NaN, Double.longBitsToDouble(0x7ff0000000000002L), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.0, Double.MAX_VALUE, Double.MIN_VALUE, 1e300, -1e-300};
        int seriesCount = 30;
        List<List<long[]>> perSeries = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            List<long[]> samples = new ArrayList<>();
            int n = random.nextInt(0, 400);
            long t = t0 + random.nextInt(60_000);
            for (int i = 0; i < n; i++) {
                t += switch (s % 3) {
                    case 0 -> 15_000; // regular scrapes
                    case 1 -> random.nextInt(0, 20_000); // repeats
                    default -> random.nextInt(-30_000, 40_000); // late samples too
                };
                long clamped = Math.max(t0, Math.min(t, t0 + 3_000_000));
                double v = random.nextInt(5) == 0 ? special[random.nextInt(special.length)] : Math.floor(random.nextDouble() * 1000) / 8;
                samples.add(new long[] {clamped, Double.doubleToRawLongBits(v)});
            }
            perSeries.add(samples);
        }
        List<ScanRequest> requests = List.of(
                ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("series_id", "metric", "labels", "ts", "value")),
                ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("ts", "value")).withTimeRange(TimeRange.ofMillis(t0 + 500_000, t0 + 1_700_000)),
                ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("value", "series_id", "ts"))
                        .withMatchers(List.of(LabelMatcher.equal("job", "j1")))
                        .withTimeRange(TimeRange.ofMillis(t0 + 1_234_567, t0 + 3_600_000)),
                ScanRequest.of("t1", TelemetryTables.SAMPLES, List.of("labels", "series_id", "metric"))
                        .withMatchers(List.of(LabelMatcher.of("pod", MatchOp.REGEX, "p1.*"))));
        List<List<String>> fromHead = new ArrayList<>();
        try (ColumnStore store = open()) {
            // remote-write shaped: every request carries a few samples of every series
            for (int from = 0; from < 400; from += 10) {
                List<SeriesSamples> batch = new ArrayList<>();
                for (int s = 0; s < seriesCount; s++) {
                    List<long[]> samples = perSeries.get(s);
                    int to = Math.min(from + 10, samples.size());
                    if (from >= to) {
                        continue;
                    }
                    long[] ts = new long[to - from];
                    double[] values = new double[to - from];
                    for (int i = from; i < to; i++) {
                        ts[i - from] = samples.get(i)[0];
                        values[i - from] = Double.longBitsToDouble(samples.get(i)[1]);
                    }
                    batch.add(SeriesSamples.of(labelsOf(s), ts, values));
                }
                if (!batch.isEmpty()) {
                    store.writeSamples("t1", new SampleBatch(batch, List.of()));
                }
            }
            for (ScanRequest request : requests) {
                fromHead.add(ScanRows.scan(store, request, allocator));
            }
            store.flush();
            for (int r = 0; r < requests.size(); r++) {
                // ranges and matchers are hints: parts return whole pages around them, the head exactly the rows asked for
                TimeRange range = requests.get(r).timeRange();
                List<String> ids = new ArrayList<>();
                for (int s = 0; s < seriesCount; s++) {
                    Labels labels = labelsOf(s);
                    if (requests.get(r).matchers().stream().allMatch(m -> m.matches(labels))) {
                        ids.add("series_id=" + labelsOf(s).stableHash());
                    }
                }
                assertThat(fromHead.get(r)).as("request %d from the head", r).isNotEmpty()
                        .allMatch(row -> within(row, range) && selected(row, ids));
                List<String> fromParts = ScanRows.scan(store, requests.get(r), allocator);
                fromParts.removeIf(row -> !within(row, range) || !selected(row, ids));
                assertThat(fromParts).as("request %d", r).containsExactlyElementsOf(fromHead.get(r));
            }
        }
    }

    private static Labels labelsOf(int series) {
        return Labels.of("__name__", "m" + (series % 2), "job", "j" + (series % 4), "pod", "p" + series);
    }

    /** Whether a rendered row's series is one of {@code ids} ({@code series_id=...} terms; true for rows without it). */
    private static boolean selected(String row, List<String> ids) {
        if (!row.contains("series_id=")) {
            return true;
        }
        for (String part : row.split("\\|")) {
            if (part.startsWith("series_id=")) {
                return ids.contains(part);
            }
        }
        return false;
    }

    /** Whether a rendered row's {@code ts=} lies in {@code range} (true for rows without ts). */
    private static boolean within(String row, TimeRange range) {
        int at = row.indexOf("ts=");
        if (at < 0) {
            return true;
        }
        int end = row.indexOf('|', at);
        long millis = Long.parseLong(row.substring(at + 3, end < 0 ? row.length() : end));
        return range.contains(TimeRange.millisToNanos(millis));
    }
}
