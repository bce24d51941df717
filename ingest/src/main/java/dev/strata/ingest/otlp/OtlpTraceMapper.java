package dev.strata.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.SpanEvent;
import dev.strata.storage.write.SpanLink;
import dev.strata.storage.write.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OTLP spans to {@link SpanRecord}s. A span without a valid 16-byte trace id or 8-byte span id
 * (or with a parent id of the wrong size) is rejected alone; OTLP reports it as partial success.
 * Thread-safe.
 */
final class OtlpTraceMapper {
    static final String UNKNOWN_SERVICE = "unknown_service";

    private static final String[] KINDS = {"unspecified", "internal", "server", "client", "producer", "consumer"};
    private static final String[] STATUS = {"unset", "ok", "error"};

    private final AnyValues values;

    OtlpTraceMapper(AnyValues values) {
        this.values = requireNonNull(values, "values is null");
    }

    record Mapped(SpanBatch batch, long rejected, String firstRejection) {}

    Mapped map(ExportTraceServiceRequest request) {
        List<SpanRecord> spans = new ArrayList<>();
        long rejected = 0;
        String firstRejection = null;
        for (ResourceSpans rs : request.getResourceSpansList()) {
            Map<String, AttributeValue> resource = values.typed(rs.getResource().getAttributesList());
            String service = AnyValues.stringAttribute(rs.getResource().getAttributesList(), "service.name");
            String serviceName = service == null || service.isEmpty() ? UNKNOWN_SERVICE : service;
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                String scopeName = emptyToNull(ss.getScope().getName());
                String scopeVersion = emptyToNull(ss.getScope().getVersion());
                for (Span span : ss.getSpansList()) {
                    String problem = problem(span);
                    if (problem != null) {
                        rejected++;
                        if (firstRejection == null) {
                            firstRejection = problem;
                        }
                        continue;
                    }
                    spans.add(new SpanRecord(
                            AnyValues.hexOrNull(span.getTraceId()),
                            AnyValues.hexOrNull(span.getSpanId()),
                            AnyValues.hexOrNull(span.getParentSpanId()),
                            emptyToNull(span.getTraceState()),
                            span.getName(),
                            kind(span.getKindValue()),
                            serviceName,
                            span.getStartTimeUnixNano(),
                            span.getEndTimeUnixNano(),
                            status(span.getStatus()),
                            emptyToNull(span.getStatus().getMessage()),
                            values.typed(span.getAttributesList()),
                            resource,
                            scopeName,
                            scopeVersion,
                            events(span),
                            links(span)));
                }
            }
        }
        return new Mapped(new SpanBatch(spans), rejected, firstRejection);
    }

    private static String problem(Span span) {
        if (!AnyValues.isValidId(span.getTraceId(), 16)) {
            return "span \"" + span.getName() + "\" has an invalid trace id (" + span.getTraceId().size()
                    + " bytes; 16 non-zero bytes required)";
        }
        if (!AnyValues.isValidId(span.getSpanId(), 8)) {
            return "span \"" + span.getName() + "\" has an invalid span id (" + span.getSpanId().size()
                    + " bytes; 8 non-zero bytes required)";
        }
        if (!span.getParentSpanId().isEmpty() && span.getParentSpanId().size() != 8) {
            return "span \"" + span.getName() + "\" has an invalid parent span id";
        }
        return null;
    }

    private List<SpanEvent> events(Span span) {
        if (span.getEventsCount() == 0) {
            return List.of();
        }
        List<SpanEvent> events = new ArrayList<>(span.getEventsCount());
        for (Span.Event e : span.getEventsList()) {
            events.add(new SpanEvent(e.getTimeUnixNano(), e.getName(), values.typed(e.getAttributesList())));
        }
        return events;
    }

    private List<SpanLink> links(Span span) {
        if (span.getLinksCount() == 0) {
            return List.of();
        }
        List<SpanLink> links = new ArrayList<>(span.getLinksCount());
        for (Span.Link l : span.getLinksList()) {
            if (l.getTraceId().isEmpty() || l.getSpanId().isEmpty()) {
                continue;
            }
            links.add(new SpanLink(AnyValues.hexOrNull(l.getTraceId()), AnyValues.hexOrNull(l.getSpanId()),
                    emptyToNull(l.getTraceState()), values.typed(l.getAttributesList())));
        }
        return links;
    }

    static String kind(int value) {
        return value >= 0 && value < KINDS.length ? KINDS[value] : KINDS[0];
    }

    static String status(Status status) {
        int code = status.getCodeValue();
        return code >= 0 && code < STATUS.length ? STATUS[code] : STATUS[0];
    }

    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
