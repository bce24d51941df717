package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One write request's metric samples and metadata. */
public record SampleBatch(List<SeriesSamples> series, List<MetricMetadata> metadata) {
    public SampleBatch {
        series = List.copyOf(requireNonNull(series, "series is null"));
        metadata = List.copyOf(requireNonNull(metadata, "metadata is null"));
    }

    public long sampleCount() {
        long n = 0;
        for (SeriesSamples s : series) {
            n += s.count();
        }
        return n;
    }
}
