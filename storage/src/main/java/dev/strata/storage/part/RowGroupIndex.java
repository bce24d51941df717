package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import java.util.Arrays;

/**
 * What the sidecar index knows of one row group: its rows, its time span (Unix ns) and the exact,
 * sorted set of series/stream ids in it (empty for tables without an id column).
 */
public record RowGroupIndex(long firstRow, long rowCount, long minTimeNanos, long maxTimeNanos, long[] ids) {
    public RowGroupIndex {
        requireNonNull(ids, "ids is null");
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
                && minTimeNanos == r.minTimeNanos && maxTimeNanos == r.maxTimeNanos && Arrays.equals(ids, r.ids);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(firstRow) * 31 + Arrays.hashCode(ids);
    }

    @Override
    public String toString() {
        return "RowGroupIndex[firstRow=" + firstRow + ", rowCount=" + rowCount + ", time=" + minTimeNanos + ".."
                + maxTimeNanos + ", ids=" + ids.length + "]";
    }
}
