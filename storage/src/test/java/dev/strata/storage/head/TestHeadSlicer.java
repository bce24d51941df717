package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.storage.write.LogEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A head snapshot cut into slices: the slices read in order return exactly the rows, in exactly
 * the order, of the whole snapshot (repeats reduced, out-of-order samples sorted, time range
 * applied), each series in one slice only, slices sized by rows within the bounds.
 */
final class TestHeadSlicer {
    private static final long MINUTE = 60_000;

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
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void cutsAreEvenUpToOneEntryAndBoundedInCount() {
        long[] fives = {5, 5, 5, 5, 5, 5, 5, 5};
        assertThat(new HeadSlicer(10, 4).cuts(fives, 8)).containsExactly(0, 2, 4, 6, 8);
        // 40 rows want 40 slices of 1 row, at most 3 are made: cut where the running total passes 40/3 and 80/3
        assertThat(new HeadSlicer(1, 3).cuts(fives, 8)).containsExactly(0, 3, 6, 8);
        // a series is never cut, so a large one is a slice of its own
        assertThat(new HeadSlicer(10, 64).cuts(new long[] {100, 1, 1, 1}, 4)).containsExactly(0, 1, 2, 3, 4);
        // fewer rows than one slice wants: one slice
        assertThat(new HeadSlicer(100, 64).cuts(new long[] {3, 4}, 2)).containsExactly(0, 2);
        // nothing to read: no slice
        assertThat(new HeadSlicer(100, 64).cuts(new long[0], 0)).containsExactly(0);
        assertThatThrownBy(() -> new HeadSlicer(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HeadSlicer(4, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void samplesSlicesInOrderReadExactlyTheWholeSnapshot() {
        SplittableRandom random = new SplittableRandom(3);
        int series = 37;
        for (int s = 0; s < series; s++) {
            int ordinal = registerSeries(Labels.of("__name__", "m" + (s % 3), "i", Integer.toString(s)));
            // unequal series (1..400 samples) written in bursts, some out of order and some repeated
            int samples = 1 + random.nextInt(400);
            long[] ts = new long[samples];
            double[] values = new double[samples];
            for (int i = 0; i < samples; i++) {
                ts[i] = i % 11 == 5 ? (i - 3) * MINUTE : i * MINUTE;
                values[i] = s * 1000 + i;
            }
            head.appendSamples(ordinal, ts, values, 0, samples, 0, (samples - 1) * MINUTE);
        }
        TenantHead.SamplesSnapshot whole = head.snapshotSamples(null);
        for (TimeRange range : List.of(TimeRange.ALL, new TimeRange(100 * MINUTE * 1_000_000L, 250 * MINUTE * 1_000_000L))) {
            List<String> expected = read(HeadBatchReader.samples(whole, registry, List.of("series_id", "ts", "value", "metric"), range,
                    64, allocator));
            List<TenantHead.SamplesSnapshot> slices = new HeadSlicer(500, 8).slice(whole, registry.series(), range);
            assertThat(slices).hasSizeBetween(2, 8);
            List<String> actual = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            for (TenantHead.SamplesSnapshot slice : slices) {
                assertThat(slice.rows()).isPositive();
                for (int ordinal : slice.ordinals()) {
                    assertThat(seen.add(ordinal)).as("series %d in two slices", ordinal).isTrue();
                }
                actual.addAll(read(HeadBatchReader.samples(slice, registry, List.of("series_id", "ts", "value", "metric"), range, 64,
                        allocator)));
            }
            assertThat(actual).hasSizeGreaterThan(100).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void seriesWithoutAChunkInTheRangeAreLeftOut() {
        int early = registerSeries(Labels.of("__name__", "m", "i", "early"));
        int late = registerSeries(Labels.of("__name__", "m", "i", "late"));
        head.appendSamples(early, new long[] {1000, 2000}, new double[] {1, 2}, 0, 2, 1000, 2000);
        head.appendSamples(late, new long[] {9000, 9500}, new double[] {3, 4}, 0, 2, 9000, 9500);
        TimeRange lateOnly = new TimeRange(8000 * 1_000_000L, 10_000 * 1_000_000L);
        List<TenantHead.SamplesSnapshot> slices = new HeadSlicer(1, 8).slice(head.snapshotSamples(null), registry.series(), lateOnly);
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).ordinals()).containsExactly(late);
        assertThat(slices.get(0).rows()).isEqualTo(2);
        TimeRange none = new TimeRange(3000 * 1_000_000L, 4000 * 1_000_000L);
        assertThat(new HeadSlicer(1, 8).slice(head.snapshotSamples(null), registry.series(), none)).isEmpty();
    }

    @Test
    void logsSlicesInOrderReadExactlyTheWholeSnapshot() {
        SplittableRandom random = new SplittableRandom(5);
        for (int s = 0; s < 23; s++) {
            Labels stream = Labels.of("app", "a" + s, "env", s % 2 == 0 ? "prod" : "dev");
            int ordinal = registry.streams().resolve(stream.stableHash(), stream);
            ordinal = ordinal < 0 ? -ordinal - 1 : ordinal;
            List<LogEntry> entries = new ArrayList<>();
            int lines = 1 + random.nextInt(60);
            for (int i = 0; i < lines; i++) {
                // out of order, some equal timestamps
                long ts = 1_000_000L * random.nextInt(500);
                entries.add(new LogEntry(ts, "line " + s + "/" + i, Labels.EMPTY, null, null, i % 4 == 0 ? "error" : "info"));
            }
            head.appendLogs(ordinal, entries, 0, 500 * 1_000_000L);
        }
        // a stream whose only append was empty has nothing to read
        Labels empty = Labels.of("app", "empty");
        int emptyOrdinal = -registry.streams().resolve(empty.stableHash(), empty) - 1;
        head.appendLogs(emptyOrdinal, List.of(), 0, 0);
        List<String> columns = List.of("stream_id", "ts", "line", "level", "labels");
        TenantHead.LogsSnapshot whole = head.snapshotLogs(null);
        List<String> expected = read(HeadBatchReader.logs(whole, registry, columns, TimeRange.ALL, 16, allocator));
        List<TenantHead.LogsSnapshot> slices = new HeadSlicer(100, 64).slice(whole, registry.streams());
        assertThat(slices).hasSizeBetween(3, 23);
        List<String> actual = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (TenantHead.LogsSnapshot slice : slices) {
            for (int ordinal : slice.ordinals()) {
                assertThat(ordinal).isNotEqualTo(emptyOrdinal);
                assertThat(seen.add(ordinal)).as("stream %d in two slices", ordinal).isTrue();
            }
            actual.addAll(read(HeadBatchReader.logs(slice, registry, columns, TimeRange.ALL, 16, allocator)));
        }
        assertThat(seen).hasSize(23);
        assertThat(actual).hasSize((int) whole.rows()).containsExactlyElementsOf(expected);
    }

    private int registerSeries(Labels labels) {
        int ordinal = registry.series().resolve(labels.stableHash(), labels);
        return ordinal < 0 ? -ordinal - 1 : ordinal;
    }

    /** Every row the reader returns as text, then closes it. */
    private static List<String> read(HeadBatchReader reader) {
        List<String> rows = new ArrayList<>();
        try (reader) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                for (int r = 0; r < root.getRowCount(); r++) {
                    StringBuilder line = new StringBuilder();
                    for (FieldVector v : root.getFieldVectors()) {
                        line.append(v.getName()).append('=').append(v.getObject(r)).append('|');
                    }
                    rows.add(line.toString());
                }
            }
        }
        return rows;
    }
}
