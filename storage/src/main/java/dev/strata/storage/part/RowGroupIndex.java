package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import java.util.Arrays;

/**
 * What the sidecar index knows of one row group: its rows, its time span (Unix ns), the exact,
 * sorted set of series/stream ids in it (empty for tables without an id column) and, when known,
 * where each id's rows lie: rows are sorted by id, so each id is one run of rows, starting
 * {@code runStarts[i]} rows after the group's first row and {@code runLengths[i]} rows long.
 *
 * @param runStarts per id of {@code ids}, its run's first row relative to {@code firstRow}; empty
 *     when unknown (sidecars of version 1, or a group whose ids did not come in single runs)
 * @param runLengths per id of {@code ids}, its run's row count; empty exactly when {@code runStarts} is
 */
public record RowGroupIndex(long firstRow, long rowCount, long minTimeNanos, long maxTimeNanos, long[] ids, int[] runStarts,
        int[] runLengths) {
    private static final int[] NONE = new int[0];

    public RowGroupIndex {
        requireNonNull(ids, "ids is null");
        requireNonNull(runStarts, "runStarts is null");
        requireNonNull(runLengths, "runLengths is null");
        if (runStarts.length != runLengths.length || (runStarts.length != 0 && runStarts.length != ids.length)) {
            throw new IllegalArgumentException("runs must be given for every id or for none");
        }
    }

    /** A group without row positions: readers decode it whole. */
    public RowGroupIndex(long firstRow, long rowCount, long minTimeNanos, long maxTimeNanos, long[] ids) {
        this(firstRow, rowCount, minTimeNanos, maxTimeNanos, ids, NONE, NONE);
    }

    /** True when the group records where each id's rows lie. */
    public boolean hasRuns() {
        return ids.length > 0 && runStarts.length == ids.length;
    }

    /**
     * False only when no row of this group can match: its time span misses {@code range} or it
     * holds none of {@code wanted} (sorted; null means every id).
     */
    public boolean mayMatch(TimeRange range, long[] wanted) {
        if (!range.overlaps(minTimeNanos, maxTimeNanos)) {
            return false;
        }
        if (wanted == null || ids.length == 0) {
            return true;
        }
        return intersects(ids, wanted);
    }

    /**
     * The rows of the wanted ids (sorted) as ascending, disjoint, non-adjacent ranges relative to
     * the group's first row; null when every row must be read (no positions, no id filter, or
     * the wanted ids cover the whole group).
     */
    public RowRanges rowsOf(long[] wanted) {
        if (wanted == null || !hasRuns()) {
            return null;
        }
        // packed (start << 32 | length): sorting longs orders the runs by start without boxing
        long[] runs = new long[Math.min(ids.length, wanted.length)];
        int n = 0;
        boolean ordered = true;
        int i = 0;
        int j = 0;
        while (i < ids.length && j < wanted.length) {
            if (ids[i] == wanted[j]) {
                if (runLengths[i] > 0) {
                    long run = (long) runStarts[i] << 32 | runLengths[i];
                    ordered &= n == 0 || run > runs[n - 1];
                    runs[n++] = run;
                }
                i++;
                j++;
            } else if (ids[i] < wanted[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (!ordered) {
            Arrays.sort(runs, 0, n);
        }
        int[] bounds = new int[2 * n];
        int ranges = 0;
        for (int k = 0; k < n; k++) {
            int start = (int) (runs[k] >>> 32);
            int end = start + (int) runs[k];
            if (ranges > 0 && start <= bounds[2 * ranges - 1]) {
                bounds[2 * ranges - 1] = Math.max(end, bounds[2 * ranges - 1]);
            } else {
                bounds[2 * ranges] = start;
                bounds[2 * ranges + 1] = end;
                ranges++;
            }
        }
        if (ranges == 1 && bounds[0] == 0 && bounds[1] >= rowCount) {
            return null;
        }
        return new RowRanges(Arrays.copyOf(bounds, 2 * ranges));
    }

    /** Merge walk over two sorted arrays; both are small next to the rows they stand for. */
    static boolean intersects(long[] a, long[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                return true;
            }
            if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowGroupIndex r && firstRow == r.firstRow && rowCount == r.rowCount
                && minTimeNanos == r.minTimeNanos && maxTimeNanos == r.maxTimeNanos && Arrays.equals(ids, r.ids)
                && Arrays.equals(runStarts, r.runStarts) && Arrays.equals(runLengths, r.runLengths);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstRow) * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "RowGroupIndex[firstRow=" + firstRow + ", rowCount=" + rowCount + ", time=" + minTimeNanos + ".."
                + maxTimeNanos + ", ids=" + ids.length + (hasRuns() ? ", runs" : "") + "]";
    }
}
