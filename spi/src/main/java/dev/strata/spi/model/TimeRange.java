package dev.strata.spi.model;

/**
 * A closed interval {@code [startNanos, endNanos]} of Unix epoch nanoseconds. Every table is
 * pruned with it, whatever the precision of its own time column.
 */
public record TimeRange(long startNanos, long endNanos) {
    public static final TimeRange ALL = new TimeRange(Long.MIN_VALUE, Long.MAX_VALUE);

    public TimeRange {
        if (startNanos > endNanos) {
            throw new IllegalArgumentException("empty time range: " + startNanos + " > " + endNanos);
        }
    }

    public static TimeRange ofMillis(long startMillis, long endMillis) {
        return new TimeRange(millisToNanos(startMillis), millisToNanos(endMillis));
    }

    public boolean contains(long nanos) {
        return nanos >= startNanos && nanos <= endNanos;
    }

    public boolean overlaps(long minNanos, long maxNanos) {
        return minNanos <= endNanos && maxNanos >= startNanos;
    }

    public boolean isAll() {
        return startNanos == Long.MIN_VALUE && endNanos == Long.MAX_VALUE;
    }

    /** Saturating conversion, so that the open ends stay open. */
    public static long millisToNanos(long millis) {
        if (millis >= Long.MAX_VALUE / 1_000_000) {
            return Long.MAX_VALUE;
        }
        if (millis <= Long.MIN_VALUE / 1_000_000) {
            return Long.MIN_VALUE;
        }
        return millis * 1_000_000;
    }
}
