package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/** A link to another span; ids in lower-case hex. */
public record SpanLink(String traceId, String spanId, String traceState, Map<String, AttributeValue> attributes) {
    public SpanLink {
        requireNonNull(traceId, "traceId is null");
        requireNonNull(spanId, "spanId is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
    }
}
