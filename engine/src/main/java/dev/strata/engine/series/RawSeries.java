package dev.strata.engine.series;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;

/** One series' samples sorted by time: {@code size} entries of {@code ts} (ms) and {@code values}. */
public record RawSeries(Labels labels, long[] ts, double[] values, int size) {
    public RawSeries {
        requireNonNull(labels, "labels is null");
        requireNonNull(ts, "ts is null");
        requireNonNull(values, "values is null");
    }

    /** Index of the first sample with {@code ts > bound}. */
    public int upperBound(long bound) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= bound) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
