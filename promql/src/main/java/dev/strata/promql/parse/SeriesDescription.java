package dev.strata.promql.parse;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import java.util.List;

/**
 * A series of a Prometheus test script's {@code load} block, such as
 * {@code http_requests{job="api"} 0+10x5 _ stale}: the labels and one value per load step.
 */
public record SeriesDescription(Labels labels, List<Value> values) {
    /** Prometheus's staleness marker NaN. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public SeriesDescription {
        requireNonNull(labels, "labels is null");
        values = List.copyOf(requireNonNull(values, "values is null"));
    }

    /**
     * One step: a value, a staleness marker (the {@link #STALE_NAN_BITS} NaN), or omitted ({@code _}).
     */
    public record Value(double value, boolean omitted) {
        public static final Value OMITTED = new Value(0, true);

        public static Value of(double value) {
            return new Value(value, false);
        }

        public static Value stale() {
            return new Value(Double.longBitsToDouble(STALE_NAN_BITS), false);
        }

        public boolean isStale() {
            return !omitted && Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value other && omitted == other.omitted
                    && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(other.value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value)) * 31 + Boolean.hashCode(omitted);
        }
    }
}
