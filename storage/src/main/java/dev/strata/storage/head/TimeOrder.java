package dev.strata.storage.head;

/**
 * Stable sorting by time on primitive arrays, for head rows that arrived out of order. Stable so
 * that of two rows with the same key the one appended last stays last (it is the one kept).
 */
final class TimeOrder {
    private TimeOrder() {}

    static boolean isNonDecreasing(long[] keys, int n) {
        for (int i = 1; i < n; i++) {
            if (keys[i] < keys[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Sorts {@code ts} and {@code values} together by {@code ts}, stably. */
    static void sortPairs(long[] ts, double[] values, int n) {
        if (isNonDecreasing(ts, n)) {
            return;
        }
        int[] order = stableOrder(ts, n);
        long[] sortedTs = new long[n];
        double[] sortedValues = new double[n];
        for (int i = 0; i < n; i++) {
            sortedTs[i] = ts[order[i]];
            sortedValues[i] = values[order[i]];
        }
        System.arraycopy(sortedTs, 0, ts, 0, n);
        System.arraycopy(sortedValues, 0, values, 0, n);
    }

    /**
     * Removes all but the last of each run of equal timestamps from sorted pairs; returns the new
     * count.
     */
    static int keepLastOfEqual(long[] ts, double[] values, int n) {
        if (n == 0) {
            return 0;
        }
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (i + 1 < n && ts[i + 1] == ts[i]) {
                continue;
            }
            ts[out] = ts[i];
            values[out] = values[i];
            out++;
        }
        return out;
    }

    /** The permutation that sorts {@code keys[0..n)} stably (merge sort of indices). */
    static int[] stableOrder(long[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (isNonDecreasing(keys, n)) {
            return order;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    buffer[k++] = keys[order[j]] < keys[order[i]] ? order[j++] : order[i++];
                }
                while (i < mid) {
                    buffer[k++] = order[i++];
                }
                while (j < hi) {
                    buffer[k++] = order[j++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }
}
