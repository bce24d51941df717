package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.storage.write.LogEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestTenantHead {
    private static final List<String> COLUMNS = List.of("series_id", "ts", "value");
    private static final long STALE_NAN = 0x7ff0000000000002L;

    private BufferAllocator allocator;
    private TenantRegistry registry;
    private TenantHead head;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        registry = new TenantRegistry("t");
        head = new TenantHead("t");
    }

    @AfterEach
    void tearDown() {
        allocator.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
    }

    @Test
    void scanSortsByIdAndTimeAndKeepsTheLastOfRepeatedTimestamps() {
        Labels a = Labels.of("__name__", "up", "job", "a");
        Labels b = Labels.of("__name__", "up", "job", "b");
        int oa = register(a);
        int ob = register(b);
        append(oa, new long[] {3000, 1000, 2000, 1000}, new double[] {3, 1, 2, 10});
        append(ob, new long[] {1000}, new double[] {Double.longBitsToDouble(STALE_NAN)});
        append(oa, new long[] {2000, 500}, new double[] {20, 0.5});

        List<Row> rows = scan(head.snapshotSamples(null), TimeRange.ALL);

        TreeMap<Long, TreeMap<Long, Long>> expected = new TreeMap<>();
        expected.put(a.stableHash(), new TreeMap<>(Map.of(500L, bits(0.5), 1000L, bits(10), 2000L, bits(20), 3000L, bits(3))));
        expected.put(b.stableHash(), new TreeMap<>(Map.of(1000L, STALE_NAN)));
        assertThat(rows).containsExactlyElementsOf(rowsOf(expected, Long.MIN_VALUE, Long.MAX_VALUE));
        assertThat(head.rows("samples")).isEqualTo(7);
    }

    @Test
    void snapshotIsStableWhileAppendsContinueAndANewOneSeesThemAtOnce() {
        int series = 50;
        int[] ordinals = new int[series];
        for (int s = 0; s < series; s++) {
            ordinals[s] = register(Labels.of("__name__", "m", "i", Integer.toString(s)));
        }
        TreeMap<Long, TreeMap<Long, Long>> truth = new TreeMap<>();
        List<TenantHead.SamplesSnapshot> snapshots = new ArrayList<>();
        List<List<Row>> expectedAtSnapshot = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            for (int s = 0; s < series; s++) {
                // every 7th round repeats an earlier timestamp with another value (last write wins)
                long t = round % 7 == 6 ? 10_000L * (round - 3) : 10_000L * round + s;
                double v = round * 1000.0 + s;
                append(ordinals[s], new long[] {t}, new double[] {v});
                truth.computeIfAbsent(registry.series().id(ordinals[s]), k -> new TreeMap<>()).put(t, Double.doubleToRawLongBits(v));
            }
            if (round % 60 == 5) {
                snapshots.add(head.snapshotSamples(null));
                expectedAtSnapshot.add(rowsOf(truth, 0, Long.MAX_VALUE));
            }
        }
        for (int i = 0; i < snapshots.size(); i++) {
            assertThat(scan(snapshots.get(i), TimeRange.ALL)).containsExactlyElementsOf(expectedAtSnapshot.get(i));
        }
        assertThat(scan(head.snapshotSamples(null), TimeRange.ALL)).containsExactlyElementsOf(rowsOf(truth, 0, Long.MAX_VALUE));
        // a time range cuts inside chunks; the bounds are closed
        TimeRange range = new TimeRange(TimeRange.millisToNanos(1_234_567), TimeRange.millisToNanos(2_000_000));
        assertThat(scan(head.snapshotSamples(null), range)).containsExactlyElementsOf(rowsOf(truth, 1_234_567, 2_000_000));
    }

    @Test
    void registryRefusesToMergeADifferentLabelSetWithTheSameId() {
        LabelSetRegistry sets = new LabelSetRegistry();
        Labels a = Labels.of("__name__", "up", "job", "a");
        Labels b = Labels.of("__name__", "up", "job", "b");
        Labels sameAsA = Labels.of("job", "a", "__name__", "up");
        int[] ordinals = new int[3];
        boolean[] isNew = new boolean[3];
        // b claims a's id, as a 64-bit hash collision would
        int created = sets.resolveAll(new Labels[] {a, b, sameAsA}, new long[] {7, 7, 7}, new boolean[3], ordinals, isNew, 3);
        assertThat(created).isEqualTo(1);
        assertThat(ordinals).containsExactly(0, -1, 0);
        assertThat(isNew).containsExactly(true, false, false);
        assertThat(sets.labelsOf(7)).isEqualTo(a);
    }

    @Test
    void everyColumnMatchesTheRowsWrittenAtAnyBatchSize() {
        SplittableRandom random = new SplittableRandom(5);
        TreeMap<Long, TreeMap<Long, Long>> truth = new TreeMap<>();
        Map<Long, Labels> labelsById = new HashMap<>();
        for (int s = 0; s < 40; s++) {
            Labels labels = s % 10 == 9
                    ? Labels.of("job", "no-metric-" + s)
                    : Labels.of("__name__", "metric_" + (s % 3), "job", "j" + (s % 4), "instance", "i-" + s + "-ünï");
            int ordinal = register(labels);
            labelsById.put(labels.stableHash(), labels);
            TreeMap<Long, Long> samples = truth.computeIfAbsent(labels.stableHash(), k -> new TreeMap<>());
            int n = random.nextInt(1, 400);
            long t = 1_000_000;
            for (int i = 0; i < n; i++) {
                // mostly in order; some series get repeats and late samples
                t += s % 4 == 0 && random.nextInt(5) == 0 ? -random.nextInt(50_000) : random.nextInt(0, 30_000);
                double v = random.nextInt(3) == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextDouble();
                append(ordinal, new long[] {t}, new double[] {v});
                samples.put(t, Double.doubleToRawLongBits(v));
            }
        }
        List<String> columns = List.of("series_id", "metric", "labels", "ts", "value");
        for (int batchRows : new int[] {1, 7, 119, 120, 121, 4096}) {
            for (TimeRange range : List.of(TimeRange.ALL, TimeRange.ofMillis(1_500_000, 2_500_000))) {
                long from = range.isAll() ? Long.MIN_VALUE : 1_500_000;
                long to = range.isAll() ? Long.MAX_VALUE : 2_500_000;
                List<String> expected = new ArrayList<>();
                truth.forEach((id, samples) -> samples.subMap(from, true, to, true).forEach((t, bits) -> {
                    Labels labels = labelsById.get(id);
                    String metric = labels.metricName() == null ? "" : labels.metricName();
                    expected.add(id + "|" + metric + "|" + labels.withoutMetricName() + "|" + t + "|" + bits);
                }));
                assertThat(readAll(columns, range, batchRows, false)).as("batch rows %d, range %s", batchRows, range)
                        .containsExactlyElementsOf(expected);
                assertThat(readAll(columns, range, batchRows, true)).as("dictionary form, batch rows %d, range %s", batchRows, range)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void scansWhileAnotherThreadAppendsSeeAPrefixOfEverySeries() throws Exception {
        int series = 30;
        int perSeries = 2000;
        int[] ordinals = new int[series];
        long[] ids = new long[series];
        for (int s = 0; s < series; s++) {
            ordinals[s] = register(Labels.of("__name__", "m", "i", Integer.toString(s)));
            ids[s] = registry.series().id(ordinals[s]);
        }
        Map<Long, Integer> seriesById = new HashMap<>();
        for (int s = 0; s < series; s++) {
            seriesById.put(ids[s], s);
        }
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            for (int k = 0; k < perSeries; k++) {
                for (int s = 0; s < series; s++) {
                    // odd series repeat every 10th time once more, with the value that must win
                    if (s % 2 == 1 && k % 10 == 9) {
                        append(ordinals[s], new long[] {10L * k, 10L * k}, new double[] {-1, value(s, k)});
                    } else {
                        append(ordinals[s], new long[] {10L * k}, new double[] {value(s, k)});
                    }
                }
            }
            done.set(true);
        });
        writer.start();
        int scans = 0;
        long wrong = 0;
        try {
            while (!done.get() || scans < 3) {
                int[] seen = new int[series];
                try (HeadBatchReader reader = HeadBatchReader.samples(head.snapshotSamples(null), registry, COLUMNS, TimeRange.ALL, 1000,
                        allocator)) {
                    while (reader.loadNext()) {
                        VectorSchemaRoot root = reader.root();
                        BigIntVector idVector = (BigIntVector) root.getVector("series_id");
                        TimeStampVector ts = (TimeStampVector) root.getVector("ts");
                        Float8Vector values = (Float8Vector) root.getVector("value");
                        for (int i = 0; i < root.getRowCount(); i++) {
                            int s = seriesById.get(idVector.get(i));
                            int k = seen[s]++;
                            // counted, not asserted per row: an assertion per row would slow the reader below the writer
                            if (ts.get(i) != 10L * k || values.get(i) != value(s, k)) {
                                wrong++;
                            }
                        }
                    }
                }
                scans++;
            }
        } finally {
            writer.join();
        }
        assertThat(wrong).isZero();
        assertThat(scans).isGreaterThanOrEqualTo(3);
    }

    private static double value(int series, int k) {
        return series * 1_000_000.0 + k * 0.25;
    }

    @Test
    void logScansWriteEveryColumnOfEveryLineInTimeOrder() {
        // many distinct levels (more than the level cache's slots), nulls, and lines out of order
        String[] levels = {"info", "error", "warn", "debug", null, "trace", "fatal", "notice", "crit", "alert", "ünïcødé", "INFO"};
        Labels stream = Labels.of("app", "api", "env", "prod");
        int ordinal = registry.streams().resolve(stream.stableHash(), stream);
        ordinal = ordinal < 0 ? -ordinal - 1 : ordinal;
        SplittableRandom random = new SplittableRandom(9);
        List<LogEntry> entries = new ArrayList<>();
        TreeMap<Long, String> expected = new TreeMap<>();
        for (int i = 0; i < 500; i++) {
            long ts = 1_000_000_000L * random.nextInt(100_000) + i;
            String level = levels[random.nextInt(levels.length)];
            entries.add(new LogEntry(ts, "line " + i, Labels.EMPTY, null, null, level));
            expected.put(ts, ts + "|" + level + "|line " + i + "|" + stream);
        }
        head.appendLogs(ordinal, entries, Long.MIN_VALUE, Long.MAX_VALUE);
        List<String> rows = new ArrayList<>();
        try (HeadBatchReader reader = HeadBatchReader.logs(head.snapshotLogs(null), registry, List.of("ts", "level", "line", "labels",
                "stream_id"), TimeRange.ALL, 64, allocator)) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                for (int i = 0; i < root.getRowCount(); i++) {
                    Labels.Builder labels = Labels.builder();
                    ArrowColumns.readStringMap((MapVector) root.getVector("labels"), i, labels);
                    assertThat(((BigIntVector) root.getVector("stream_id")).get(i)).isEqualTo(stream.stableHash());
                    rows.add(((TimeStampVector) root.getVector("ts")).get(i) + "|"
                            + ArrowColumns.getString((VarCharVector) root.getVector("level"), i) + "|"
                            + ArrowColumns.getString((VarCharVector) root.getVector("line"), i) + "|" + labels.build());
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected.values());
    }

    @Test
    void longAndNonAsciiLinesAndNullLevelsAreWrittenIntact() {
        // lines up to ~12 KB (non-ASCII among them) outgrow the batch's data buffer mid-run; null levels sit between others
        Labels stream = Labels.of("app", "big");
        int ordinal = -registry.streams().resolve(stream.stableHash(), stream) - 1;
        SplittableRandom random = new SplittableRandom(11);
        List<LogEntry> entries = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String line = (i % 3 == 0 ? "ünïcødé ✓ " : "ascii ") + "x".repeat(random.nextInt(12_000)) + " #" + i;
            String level = i % 5 == 2 ? null : i % 2 == 0 ? "info" : "error";
            entries.add(new LogEntry(1_000L * i, line, Labels.EMPTY, null, null, level));
            expected.add(line + "|" + level);
        }
        head.appendLogs(ordinal, entries, 0, 300_000);
        List<String> rows = new ArrayList<>();
        try (HeadBatchReader reader = HeadBatchReader.logs(head.snapshotLogs(null), registry, List.of("line", "level"), TimeRange.ALL,
                100, allocator)) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                VarCharVector lines = (VarCharVector) root.getVector("line");
                VarCharVector levels = (VarCharVector) root.getVector("level");
                for (int i = 0; i < root.getRowCount(); i++) {
                    assertThat(lines.isNull(i)).isFalse();
                    rows.add(ArrowColumns.getString(lines, i) + "|" + ArrowColumns.getString(levels, i));
                }
            }
        }
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    @Test
    void logLabelsAndLevelsInDictionaryFormNameTheSameValuesAsPlainRows() {
        // three streams, levels repeating, changing and null within a stream
        for (int s = 0; s < 3; s++) {
            Labels stream = Labels.of("app", "a" + s, "pod", "p-" + s);
            int resolved = registry.streams().resolve(stream.stableHash(), stream);
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String level = i % 7 == 3 ? null : (i / 4) % 3 == 0 ? "info" : (i / 4) % 3 == 1 ? "warn" : "error";
                entries.add(new LogEntry(1_000L * i + s, "line " + s + "/" + i, Labels.EMPTY, null, null, level));
            }
            head.appendLogs(resolved < 0 ? -resolved - 1 : resolved, entries, 0, 100_000);
        }
        for (int batchRows : new int[] {1, 7, 64, 1000}) {
            assertThat(readLogs(batchRows, true)).as("batch rows %d", batchRows).containsExactlyElementsOf(readLogs(batchRows, false))
                    .hasSize(150);
        }
    }

    private List<String> readLogs(int batchRows, boolean dictionary) {
        List<String> rows = new ArrayList<>();
        try (HeadBatchReader reader = HeadBatchReader.logs(head.snapshotLogs(null), registry, List.of("stream_id", "labels", "level", "line"),
                TimeRange.ALL, batchRows, allocator)) {
            assertThat(reader.requestDictionary(0)).isFalse();
            assertThat(reader.requestDictionary(3)).isFalse();
            if (dictionary) {
                assertThat(reader.requestDictionary(1)).isTrue();
                assertThat(reader.requestDictionary(2)).isTrue();
            }
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                BigIntVector ids = (BigIntVector) root.getVector("stream_id");
                MapVector labels = (MapVector) root.getVector("labels");
                VarCharVector levels = (VarCharVector) root.getVector("level");
                int[] labelIds = reader.dictionaryIds(1);
                int[] levelIds = reader.dictionaryIds(2);
                assertThat(labelIds == null).isEqualTo(!dictionary);
                assertThat(levelIds == null).isEqualTo(!dictionary);
                if (dictionary) {
                    int runs = 0;
                    Set<Integer> distinctLevels = new HashSet<>();
                    for (int i = 0; i < root.getRowCount(); i++) {
                        runs += i == 0 || ids.get(i) != ids.get(i - 1) ? 1 : 0;
                        distinctLevels.add(levelIds[i]);
                    }
                    assertThat(labels.getValueCount()).as("one map per stream run").isEqualTo(runs);
                    assertThat(levels.getValueCount()).as("one entry per distinct level").isEqualTo(distinctLevels.size());
                }
                for (int i = 0; i < root.getRowCount(); i++) {
                    Labels.Builder builder = Labels.builder();
                    ArrowColumns.readStringMap(labels, dictionary ? labelIds[i] : i, builder);
                    rows.add(ids.get(i) + "|" + builder.build() + "|" + ArrowColumns.getString(levels, dictionary ? levelIds[i] : i) + "|"
                            + ArrowColumns.getString((VarCharVector) root.getVector("line"), i));
                }
            }
        }
        return rows;
    }

    /**
     * Rows of series_id, metric, labels, ts, value as text; with {@code dictionary} metric and
     * labels are asked for in dictionary form and read through the ids, which must name one entry
     * per run of a series' rows.
     */
    private List<String> readAll(List<String> columns, TimeRange range, int batchRows, boolean dictionary) {
        List<String> rows = new ArrayList<>();
        try (HeadBatchReader reader = HeadBatchReader.samples(head.snapshotSamples(null), registry, columns, range, batchRows,
                allocator)) {
            assertThat(reader.requestDictionary(0)).as("series_id stays plain").isFalse();
            if (dictionary) {
                assertThat(reader.requestDictionary(1)).isTrue();
                assertThat(reader.requestDictionary(2)).isTrue();
            }
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                assertThat(root.getRowCount()).isLessThanOrEqualTo(batchRows);
                BigIntVector ids = (BigIntVector) root.getVector("series_id");
                VarCharVector metric = (VarCharVector) root.getVector("metric");
                MapVector labels = (MapVector) root.getVector("labels");
                int[] metricIds = reader.dictionaryIds(1);
                int[] labelIds = reader.dictionaryIds(2);
                assertThat(reader.dictionaryIds(0)).isNull();
                if (dictionary) {
                    int runs = 0;
                    for (int i = 0; i < root.getRowCount(); i++) {
                        runs += i == 0 || ids.get(i) != ids.get(i - 1) ? 1 : 0;
                    }
                    assertThat(metric.getValueCount()).isEqualTo(runs);
                    assertThat(labels.getValueCount()).isEqualTo(runs);
                } else {
                    assertThat(metricIds).isNull();
                    assertThat(labelIds).isNull();
                    for (FieldVector v : root.getFieldVectors()) {
                        assertThat(v.getNullCount()).isZero();
                    }
                }
                for (int i = 0; i < root.getRowCount(); i++) {
                    Labels.Builder builder = Labels.builder();
                    ArrowColumns.readStringMap(labels, dictionary ? labelIds[i] : i, builder);
                    rows.add(ids.get(i) + "|" + ArrowColumns.getString(metric, dictionary ? metricIds[i] : i) + "|" + builder.build() + "|"
                            + ((TimeStampVector) root.getVector("ts")).get(i) + "|"
                            + Double.doubleToRawLongBits(((Float8Vector) root.getVector("value")).get(i)));
                }
            }
        }
        return rows;
    }

    private int register(Labels labels) {
        int ordinal = registry.series().resolve(labels.stableHash(), labels);
        return ordinal < 0 ? -ordinal - 1 : ordinal;
    }

    private void append(int ordinal, long[] ts, double[] values) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : ts) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        head.appendSamples(ordinal, ts, values, 0, ts.length, min, max);
    }

    private List<Row> scan(TenantHead.SamplesSnapshot snapshot, TimeRange range) {
        List<Row> rows = new ArrayList<>();
        try (HeadBatchReader reader = HeadBatchReader.samples(snapshot, registry, COLUMNS, range, 100, allocator)) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                BigIntVector ids = (BigIntVector) root.getVector("series_id");
                TimeStampVector ts = (TimeStampVector) root.getVector("ts");
                Float8Vector values = (Float8Vector) root.getVector("value");
                for (int i = 0; i < root.getRowCount(); i++) {
                    rows.add(new Row(ids.get(i), ts.get(i), Double.doubleToRawLongBits(values.get(i))));
                }
            }
        }
        return rows;
    }

    private static List<Row> rowsOf(TreeMap<Long, TreeMap<Long, Long>> truth, long fromMillis, long toMillis) {
        List<Row> rows = new ArrayList<>();
        truth.forEach((id, samples) -> samples.subMap(fromMillis, true, toMillis, true)
                .forEach((t, bits) -> rows.add(new Row(id, t, bits))));
        return rows;
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private record Row(long seriesId, long ts, long valueBits) {}
}
