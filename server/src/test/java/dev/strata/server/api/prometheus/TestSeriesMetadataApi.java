package dev.strata.server.api.prometheus;

import static dev.strata.server.testing.StoreBackedServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.testing.StoreBackedServer;
import dev.strata.server.testing.StoreBackedServer.Metadata;
import dev.strata.server.testing.StoreBackedServer.Series;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The label, series, metadata and static Prometheus endpoints of a real server over a real store,
 * fed through remote write; expected bodies are Prometheus's exact shapes, written by hand.
 */
final class TestSeriesMetadataApi {
    @TempDir
    static Path dataDir;

    private static StoreBackedServer server;

    @BeforeAll
    static void start() {
        server = new StoreBackedServer(dataDir);
        long now = System.currentTimeMillis();
        long[] times = {now - 2_000, now - 1_000};
        server.remoteWrite("team-a", List.of(
                new Series(Map.of("__name__", "http_requests_total", "job", "api", "code", "200"), times, new double[] {1, 2}),
                new Series(Map.of("__name__", "http_requests_total", "job", "api", "code", "500"), times, new double[] {3, 4}),
                new Series(Map.of("__name__", "up", "job", "db", "instance", "db:9100"), times, new double[] {1, 1})),
                List.of(new Metadata(1, "http_requests_total", "Requests served.", ""),
                        new Metadata(2, "up", "Target is up.", "")));
        server.remoteWrite("team-b", List.of(
                new Series(Map.of("__name__", "secret_metric", "owner", "b"), times, new double[] {7, 8})),
                List.of(new Metadata(2, "secret_metric", "Tenant B only.", "bytes")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String okBody(String pathAndQuery) {
        HttpResponse<String> response = server.get(pathAndQuery, "team-a");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return response.body();
    }

    @Test
    void labelNamesOfOneTenantSorted() {
        assertThat(okBody("/api/v1/labels")).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"instance\",\"job\"]}");
        assertThat(server.get("/api/v1/labels", "team-b").body()).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"__name__\",\"owner\"]}");
        assertThat(server.get("/api/v1/labels", "nobody").body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void labelNamesWithMatchAndLimitAsGrafanaPostsThem() {
        HttpResponse<String> response = server.postForm("/api/v1/labels",
                Map.of("match[]", "{__name__=\"up\"}", "start", "1", "end", "4000000000", "grafana_custom", "x"), "team-a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
        assertThat(okBody("/api/v1/labels?limit=2")).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\"],\"warnings\":[\"results truncated due to limit\"]}");
    }

    @Test
    void labelValuesIncludingMetricNamesAndMatchers() {
        assertThat(okBody("/api/v1/label/__name__/values?limit=40000")).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"http_requests_total\",\"up\"]}");
        assertThat(okBody("/api/v1/label/code/values?match[]=" + encode("http_requests_total{job=\"api\"}"))).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"200\",\"500\"]}");
        assertThat(okBody("/api/v1/label/job/values?match[]=up&match[]=" + encode("{code=\"500\"}"))).isEqualTo(
                "{\"status\":\"success\",\"data\":[\"api\",\"db\"]}");
        assertThat(okBody("/api/v1/label/nope/values")).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        assertThat(okBody("/api/v1/label/U__j_6f_b/values")).isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"db\"]}");
    }

    @Test
    void seriesRequiresMatchAndListsLabelSets() {
        assertThat(okBody("/api/v1/series?match[]=" + encode("{job=~\"a.*|db\"}") + "&start=0")).isEqualTo(
                "{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"api\"},"
                        + "{\"__name__\":\"http_requests_total\",\"code\":\"500\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"db:9100\",\"job\":\"db\"}]}");
        HttpResponse<String> posted = server.postForm("/api/v1/series",
                Map.of("match[]", "up", "limit", "1"), "team-a");
        assertThat(posted.body()).isEqualTo(
                "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"db:9100\",\"job\":\"db\"}]}");

        HttpResponse<String> missing = server.get("/api/v1/series", "team-a");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"no match[] parameter provided\"}");
    }

    @Test
    void badParametersAreBadData() {
        HttpResponse<String> badTime = server.get("/api/v1/labels?start=yesterday", "team-a");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\","
                + "\"error\":\"invalid parameter \\\"start\\\": cannot parse \\\"yesterday\\\" to a valid timestamp\"}");
        HttpResponse<String> emptyMatcher = server.get("/api/v1/series?match[]=" + encode("{job=~\".*\"}"), "team-a");
        assertThat(emptyMatcher.statusCode()).isEqualTo(400);
        assertThat(emptyMatcher.body()).contains("match[] must contain at least one non-empty matcher");
        HttpResponse<String> badSelector = server.get("/api/v1/series?match[]=" + encode("up{"), "team-a");
        assertThat(badSelector.statusCode()).isEqualTo(400);
        assertThat(badSelector.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:");
        HttpResponse<String> badLimit = server.get("/api/v1/labels?limit=-1", "team-a");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(badLimit.body()).contains("limit must be non-negative");
    }

    @Test
    void rfc3339TimesAreAccepted() {
        assertThat(okBody("/api/v1/label/job/values?start=2000-01-01T00:00:00Z&end=" + encode("2100-01-01T00:00:00.5+01:00")))
                .isEqualTo("{\"status\":\"success\",\"data\":[\"api\",\"db\"]}");
        assertThat(okBody("/api/v1/label/job/values?start=1&end=2")).isEqualTo("{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void metadataFromRemoteWrite() {
        assertThat(okBody("/api/v1/metadata")).isEqualTo("{\"status\":\"success\",\"data\":{"
                + "\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests served.\",\"unit\":\"\"}],"
                + "\"up\":[{\"type\":\"gauge\",\"help\":\"Target is up.\",\"unit\":\"\"}]}}");
        assertThat(okBody("/api/v1/metadata?metric=up")).isEqualTo("{\"status\":\"success\",\"data\":{"
                + "\"up\":[{\"type\":\"gauge\",\"help\":\"Target is up.\",\"unit\":\"\"}]}}");
        assertThat(okBody("/api/v1/metadata?limit=1&limit_per_metric=1")).isEqualTo("{\"status\":\"success\",\"data\":{"
                + "\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests served.\",\"unit\":\"\"}]}}");
        assertThat(okBody("/api/v1/metadata?metric=secret_metric")).isEqualTo("{\"status\":\"success\",\"data\":{}}");
    }

    @Test
    void staticEndpointsGrafanaProbes() {
        assertThat(okBody("/api/v1/status/buildinfo")).startsWith(
                "{\"status\":\"success\",\"data\":{\"version\":\"3.5.0\",\"revision\":\"strata\",\"branch\":\"main\","
                        + "\"buildUser\":\"strata\",\"buildDate\":\"\",\"goVersion\":\"java").doesNotContain("features");
        assertThat(okBody("/api/v1/rules")).isEqualTo("{\"status\":\"success\",\"data\":{\"groups\":[]}}");
        assertThat(okBody("/api/v1/alerts")).isEqualTo("{\"status\":\"success\",\"data\":{\"alerts\":[]}}");
        // Grafana's datasource-init probe sends milliseconds
        assertThat(okBody("/api/v1/query_exemplars?query=test&start=1700000000000&end=1700000060000"))
                .isEqualTo("{\"status\":\"success\",\"data\":[]}");
        HttpResponse<String> flags = server.get("/api/v1/status/flags", "team-a");
        assertThat(flags.statusCode()).isEqualTo(404);
    }

    @Test
    void formatAndParseQuery() {
        assertThat(okBody("/api/v1/format_query?query=" + encode("sum(rate(x{job=\"a\"}[5m]))by(job)"))).isEqualTo(
                "{\"status\":\"success\",\"data\":\"sum by (job) (rate(x{job=\\\"a\\\"}[5m]))\"}");
        HttpResponse<String> posted = server.postForm("/api/v1/format_query", Map.of("query", "up  +  1"), "team-a");
        assertThat(posted.body()).isEqualTo("{\"status\":\"success\",\"data\":\"up + 1\"}");
        HttpResponse<String> bad = server.get("/api/v1/format_query?query=" + encode("sum(up"), "team-a");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": 1:");
        assertThat(okBody("/api/v1/parse_query?query=up")).startsWith("{\"status\":\"success\",\"data\":{").contains("\"type\":\"vectorSelector\"");
    }
}
