package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;

/**
 * The rows of one row group a reader decodes, as ascending, disjoint ranges {@code [start, end)}
 * relative to the group's first row; the rows between them are skipped.
 *
 * @param bounds {@code start0, end0, start1, end1, ...}
 */
public record RowRanges(int[] bounds) {
    public RowRanges {
        requireNonNull(bounds, "bounds is null");
        if ((bounds.length & 1) != 0) {
            throw new IllegalArgumentException("bounds come in pairs");
        }
        for (int i = 0; i < bounds.length; i += 2) {
            if (bounds[i] < (i == 0 ? 0 : bounds[i - 1]) || bounds[i + 1] <= bounds[i]) {
                throw new IllegalArgumentException("ranges must be ascending, disjoint and non-empty");
            }
        }
    }

    public int count() {
        return bounds.length / 2;
    }

    public int start(int range) {
        return bounds[2 * range];
    }

    public int end(int range) {
        return bounds[2 * range + 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowRanges r && Arrays.equals(bounds, r.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "RowRanges" + Arrays.toString(bounds);
    }

    /** Rows in all ranges. */
    public long rows() {
        long rows = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            rows += bounds[i + 1] - bounds[i];
        }
        return rows;
    }
}
