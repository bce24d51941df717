package dev.strata.server.logging;

import java.util.Optional;
import org.slf4j.MDC;

/**
 * Puts a request's trace id into the logging context of the thread that serves it, so that every
 * line logged meanwhile carries {@code trace_id=...}; closing removes it again (worker threads are
 * reused).
 */
public final class RequestLogContext implements AutoCloseable {
    public static final String TRACE_ID = "trace_id";

    private final boolean hasTraceId;

    private RequestLogContext(boolean hasTraceId) {
        this.hasTraceId = hasTraceId;
    }

    /** Opens the context for a request with this {@code traceparent} header (may be null). */
    public static RequestLogContext open(String traceparent) {
        Optional<String> traceId = TraceParent.traceId(traceparent);
        traceId.ifPresent(id -> MDC.put(TRACE_ID, id));
        return new RequestLogContext(traceId.isPresent());
    }

    @Override
    public void close() {
        if (hasTraceId) {
            MDC.remove(TRACE_ID);
        }
    }
}
