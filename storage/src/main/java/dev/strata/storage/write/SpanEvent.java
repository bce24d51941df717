package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.Map;

public record SpanEvent(long timestampNanos, String name, Map<String, AttributeValue> attributes) {
    public SpanEvent {
        requireNonNull(name, "name is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
    }
}
