package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;

/**
 * Samples of one series, in the order received (not necessarily sorted). The arrays are owned by
 * the batch once handed over. Timestamps are Unix epoch milliseconds.
 */
public record SeriesSamples(Labels labels, long[] timestampsMillis, double[] values, int count) {
    public SeriesSamples {
        requireNonNull(labels, "labels is null");
        requireNonNull(timestampsMillis, "timestampsMillis is null");
        requireNonNull(values, "values is null");
        if (count < 0 || count > timestampsMillis.length || count > values.length) {
            throw new IllegalArgumentException("count " + count + " out of bounds");
        }
    }

    public static SeriesSamples of(Labels labels, long[] timestampsMillis, double[] values) {
        if (timestampsMillis.length != values.length) {
            throw new IllegalArgumentException("timestamps and values differ in length");
        }
        return new SeriesSamples(labels, timestampsMillis, values, values.length);
    }
}
