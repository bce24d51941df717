package dev.strata.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

final class TestTraceParent {
    @Test
    void extractsTheTraceIdOfAValidHeader() {
        assertThat(TraceParent.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
                .hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        // a future version may append fields
        assertThat(TraceParent.traceId("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra"))
                .hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void ignoresMalformedHeaders() {
        assertThat(TraceParent.traceId(null)).isEmpty();
        assertThat(TraceParent.traceId("")).isEmpty();
        assertThat(TraceParent.traceId("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).isEmpty();
        assertThat(TraceParent.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7")).isEmpty();
    }

    @Test
    void logContextSetsAndClearsTheTraceId() {
        try (RequestLogContext ignored = RequestLogContext.open("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")) {
            assertThat(MDC.get(RequestLogContext.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        }
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).isNull();
        try (RequestLogContext ignored = RequestLogContext.open(null)) {
            assertThat(MDC.get(RequestLogContext.TRACE_ID)).isNull();
        }
    }
}
