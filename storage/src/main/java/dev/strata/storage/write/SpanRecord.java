package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One span in the OTLP model. Ids are lower-case hex ({@code parentSpanId} null for a root);
 * {@code kind} is {@code unspecified|internal|server|client|producer|consumer} and
 * {@code statusCode} {@code unset|ok|error}. {@code serviceName} is the resource's
 * {@code service.name} (or {@code unknown_service}).
 */
public record SpanRecord(
        String traceId,
        String spanId,
        String parentSpanId,
        String traceState,
        String name,
        String kind,
        String serviceName,
        long startNanos,
        long endNanos,
        String statusCode,
        String statusMessage,
        Map<String, AttributeValue> attributes,
        Map<String, AttributeValue> resourceAttributes,
        String scopeName,
        String scopeVersion,
        List<SpanEvent> events,
        List<SpanLink> links) {
    public SpanRecord {
        requireNonNull(traceId, "traceId is null");
        requireNonNull(spanId, "spanId is null");
        requireNonNull(name, "name is null");
        requireNonNull(kind, "kind is null");
        requireNonNull(serviceName, "serviceName is null");
        requireNonNull(statusCode, "statusCode is null");
        attributes = Map.copyOf(requireNonNull(attributes, "attributes is null"));
        resourceAttributes = Map.copyOf(requireNonNull(resourceAttributes, "resourceAttributes is null"));
        events = List.copyOf(requireNonNull(events, "events is null"));
        links = List.copyOf(requireNonNull(links, "links is null"));
    }
}
