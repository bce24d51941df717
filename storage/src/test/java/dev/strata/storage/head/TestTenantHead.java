package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
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
