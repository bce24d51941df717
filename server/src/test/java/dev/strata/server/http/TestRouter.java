package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class TestRouter {
    private final HttpHandler traces = request -> HttpResponse.text(200, "traces");
    private final HttpHandler labelValues = request -> HttpResponse.text(200, "values");
    private final Router router = Router.builder()
            .get("/api/traces/{traceId}", ApiFlavour.PLAIN, traces)
            .get("/loki/api/v1/label/{name}/values", ApiFlavour.LOKI, labelValues)
            .post("/loki/api/v1/push", ApiFlavour.LOKI, request -> HttpResponse.noContent())
            .build();

    @Test
    void matchesLiteralAndParameterSegments() {
        Router.Match match = router.match("GET", "/loki/api/v1/label/job/values");
        assertThat(match).isInstanceOfSatisfying(Router.Found.class, found -> {
            assertThat(found.route().handler()).isSameAs(labelValues);
            assertThat(found.route().endpoint()).isEqualTo("/loki/api/v1/label/{name}/values");
            assertThat(found.route().flavour()).isEqualTo(ApiFlavour.LOKI);
            assertThat(found.pathParameters()).isEqualTo(Map.of("name", "job"));
        });
        assertThat(router.match("GET", "/api/traces/abc123")).isInstanceOfSatisfying(Router.Found.class,
                found -> assertThat(found.pathParameters()).isEqualTo(Map.of("traceId", "abc123")));
    }

    @Test
    void distinguishesUnknownPathsFromWrongMethods() {
        assertThat(router.match("GET", "/loki/api/v1/push"))
                .isEqualTo(new Router.MethodNotAllowed(Set.of("POST")));
        assertThat(router.match("GET", "/api/traces/")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/api/traces/a/b")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/loki/api/v1/push/")).isInstanceOf(Router.NotFound.class);
        assertThat(router.match("GET", "/")).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void patternsMustBeAbsolute() {
        assertThatThrownBy(() -> Router.builder().get("ready", ApiFlavour.PLAIN, traces))
                .hasMessage("pattern must start with '/': ready");
    }
}
