package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.metrics.ServerMetrics;
import dev.strata.server.logging.RequestLogContext;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Routing, failure handling and the request timeout, with a hand-driven clock. */
final class TestRequestProcessor {
    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicReference<String> traceIdSeen = new AtomicReference<>();
    private final Router router = Router.builder()
            .get("/api/v1/query", ApiFlavour.PROMETHEUS, request -> {
                throw new IllegalStateException("planner bug");
            })
            .get("/echo/{word}", ApiFlavour.PLAIN, request -> {
                traceIdSeen.set(MDC.get(RequestLogContext.TRACE_ID));
                return HttpResponse.text(200, request.pathParameters().get("word") + " "
                        + request.queryParameters().get("n"));
            })
            .build();
    private final RequestProcessor processor = new RequestProcessor(router,
            new ServerMetrics(new PrometheusRegistry()), Duration.ofSeconds(1), now::get);

    @Test
    void passesPathAndQueryParametersAndTheTraceIdToTheHandler() {
        HttpHeaders headers = new DefaultHttpHeaders()
                .set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        HttpResponse response = processor.process(new HttpRequest("GET", "/echo/hi", Map.of("n", List.of("1", "2")),
                headers, new byte[0], Map.of()), now.get());
        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).isEqualTo("hi [1, 2]");
        assertThat(traceIdSeen.get()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(MDC.get(RequestLogContext.TRACE_ID)).isNull();
    }

    @Test
    void handlerBugBecomes500InTheRoutesEnvelope() {
        HttpResponse response = processor.process(request("GET", "/api/v1/query"), now.get());
        assertThat(response.status()).isEqualTo(500);
        assertThat(body(response)).isEqualTo("{\"status\":\"error\",\"errorType\":\"internal\","
                + "\"error\":\"internal error: java.lang.IllegalStateException: planner bug\"}");
    }

    @Test
    void requestThatWaitedBeyondTheTimeoutIsRefusedUnprocessed() {
        long receivedAt = now.get();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        HttpResponse response = processor.process(request("GET", "/echo/late"), receivedAt);
        assertThat(response.status()).isEqualTo(503);
        assertThat(traceIdSeen.get()).isNull();
    }

    @Test
    void wrongMethodIs405WithAllow() {
        HttpResponse response = processor.process(request("POST", "/echo/x"), now.get());
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers()).containsEntry("Allow", "GET");
    }

    private static HttpRequest request(String method, String path) {
        return new HttpRequest(method, path, Map.of(), new DefaultHttpHeaders(), new byte[0], Map.of());
    }

    private static String body(HttpResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
