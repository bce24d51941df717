package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.List;

public record SpanBatch(List<SpanRecord> spans) {
    public SpanBatch {
        spans = List.copyOf(requireNonNull(spans, "spans is null"));
    }
}
