package dev.strata.storage.head;

import java.util.Arrays;

/**
 * Samples of one series in one head generation, in arrival order. Rows below {@code count} never
 * change, so a snapshot may keep the array references and read them without the lock. Guarded by
 * the owning {@link TenantHead}.
 */
final class SeriesBuffer {
    long[] timestamps;
    double[] values;
    int count;

    SeriesBuffer(int capacity) {
        timestamps = new long[capacity];
        values = new double[capacity];
    }

    void append(long[] ts, double[] v, int offset, int n) {
        if (count + n > timestamps.length) {
            int capacity = Math.max(count + n, timestamps.length * 2);
            timestamps = Arrays.copyOf(timestamps, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        System.arraycopy(ts, offset, timestamps, count, n);
        System.arraycopy(v, offset, values, count, n);
        count += n;
    }
}
