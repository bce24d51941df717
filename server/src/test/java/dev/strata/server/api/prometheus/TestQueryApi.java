package dev.strata.server.api.prometheus;

import static dev.strata.server.testing.StoreBackedServer.encode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.testing.StoreBackedServer;
import dev.strata.server.testing.StoreBackedServer.Series;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range} of a real server over a real store fed
 * through remote write; expected bodies are Prometheus's exact JSON, with values computed by hand.
 */
final class TestQueryApi {
    @TempDir
    static Path dataDir;

    private static StoreBackedServer server;
    /** Whole seconds, so that every timestamp below prints as an integer. */
    private static long base;

    @BeforeAll
    static void start() {
        server = new StoreBackedServer(dataDir, Map.of("promql.max-samples", "8"));
        base = (System.currentTimeMillis() / 60_000 - 10) * 60; // ten minutes ago, on a minute
        long[] times = new long[5];
        for (int i = 0; i < times.length; i++) {
            times[i] = (base + 15L * i) * 1000;
        }
        server.remoteWrite("team-a", List.of(
                new Series(Map.of("__name__", "http_requests_total", "job", "api", "code", "200"), times,
                        new double[] {0, 15, 30, 45, 60}),
                new Series(Map.of("__name__", "up", "job", "api"), times, new double[] {1, 1, 1, 1, 1})),
                List.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) {
        return server.get(pathAndQuery, "team-a");
    }

    private static String ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return response.body();
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}");
    }

    @Test
    void grafanaSaveAndTestPostsOnePlusOne() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", "1+1");
        form.put("time", "4");
        form.put("max_samples_processed_warning_threshold", "100"); // unknown parameters are ignored
        assertThat(ok(server.postForm("/api/v1/query", form, "team-a")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}");
    }

    @Test
    void instantVector() {
        assertThat(ok(get("/api/v1/query?query=up&stats=all&time=" + (base + 60))))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"up\",\"job\":\"api\"},\"value\":[" + (base + 60) + ",\"1\"]}]}}");
        // the last sample is at base+60s: 2m later it is beyond a 1m lookback but within the default 5m
        String later = "&time=" + (base + 180);
        assertThat(ok(get("/api/v1/query?query=up&lookback_delta=1m" + later)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(ok(get("/api/v1/query?query=up" + later))).contains("\"value\":[" + (base + 180) + ",\"1\"]");
    }

    @Test
    void instantMatrixAndString() {
        // (base+30s, base+60s] is left-open: the samples at base+45s and base+60s
        assertThat(ok(get("/api/v1/query?query=" + encode("http_requests_total[30s]") + "&time=" + (base + 60))))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"http_requests_total\",\"code\":\"200\",\"job\":\"api\"},\"values\":["
                        + "[" + (base + 45) + ",\"45\"],[" + (base + 60) + ",\"60\"]]}]}}");
        assertThat(ok(get("/api/v1/query?query=" + encode("\"hello\"") + "&time=1.5")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1.500,\"hello\"]}}");
    }

    @Test
    void rangeQuery() {
        // steps every 30s from base-30s: nothing before base, then 0*2, 30*2, 60*2; the name is dropped by *
        String query = encode("http_requests_total * 2");
        String expected = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                + "{\"metric\":{\"code\":\"200\",\"job\":\"api\"},\"values\":["
                + "[" + base + ",\"0\"],[" + (base + 30) + ",\"60\"],[" + (base + 60) + ",\"120\"]]}]}}";
        assertThat(ok(get("/api/v1/query_range?query=" + query + "&start=" + (base - 30) + "&end=" + (base + 60) + "&step=30")))
                .isEqualTo(expected);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", "http_requests_total * 2");
        form.put("start", Long.toString(base - 30));
        form.put("end", Long.toString(base + 60));
        form.put("step", "30s");
        form.put("stats", "all");
        assertThat(ok(server.postForm("/api/v1/query_range", form, "team-a"))).isEqualTo(expected);
        // a scalar becomes one unlabeled series
        assertThat(ok(get("/api/v1/query_range?query=" + encode("1+1") + "&start=0&end=1&step=0.5")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{},\"values\":[[0,\"2\"],[0.500,\"2\"],[1,\"2\"]]}]}}");
    }

    @Test
    void explainAnswersThePlan() {
        // golden: a 5m lookback before t=10s, aggregated by job
        assertThat(ok(get("/api/v1/query?explain=true&query=" + encode("sum by (job) (up)") + "&time=10")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"explain\":\"SeriesAggregate(op=[sum], by=[job])\\n"
                        + "  StepAlign(grid=[10000], lookback=[300000])\\n"
                        + "    SeriesScan(table=[samples], matchers=[__name__=\\\"up\\\"], ts=[-290000..10000])\"}}");
        // lookback_delta reaches the plan
        assertThat(ok(get("/api/v1/query?explain=true&lookback_delta=1m&query=up&time=10"))).contains("lookback=[60000]");
        assertThat(ok(get("/api/v1/query_range?explain=true&query=up&start=0&end=60&step=15")))
                .startsWith("{\"status\":\"success\",\"data\":{\"explain\":\"");
    }

    @Test
    void annotationsGoToTheEnvelope() {
        assertThat(ok(get("/api/v1/query_range?query=" + encode("sort(up)") + "&start=" + (base + 60) + "&end="
                + (base + 120) + "&step=60"))).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\","
                        + "\"result\":[{\"metric\":{\"__name__\":\"up\",\"job\":\"api\"},\"values\":[[" + (base + 60) + ",\"1\"],["
                        + (base + 120) + ",\"1\"]]}]},\"warnings\":[\"PromQL warning: sort is ineffective for range queries"
                        + " since results are always ordered by labels (1:1)\"]}");
    }

    @Test
    void parameterErrors() {
        assertError(get("/api/v1/query?query=" + encode("sum(")), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis");
        assertError(get("/api/v1/query?query="), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input");
        assertError(get("/api/v1/query?query=up&time=yesterday"), 400, "bad_data",
                "invalid parameter \\\"time\\\": cannot parse \\\"yesterday\\\" to a valid timestamp");
        assertError(get("/api/v1/query?query=up&timeout=soon"), 400, "bad_data",
                "invalid parameter \\\"timeout\\\": cannot parse \\\"soon\\\" to a valid duration");
        assertError(get("/api/v1/query?query=up&lookback_delta=x"), 400, "bad_data",
                "error parsing lookback delta duration: cannot parse \\\"x\\\" to a valid duration");
        assertError(get("/api/v1/query_range?query=up&end=10&step=1"), 400, "bad_data",
                "invalid parameter \\\"start\\\": cannot parse \\\"\\\" to a valid timestamp");
        assertError(get("/api/v1/query_range?query=up&start=10&end=5&step=1"), 400, "bad_data",
                "end timestamp must not be before start time");
        assertError(get("/api/v1/query_range?query=up&start=0&end=5"), 400, "bad_data",
                "invalid parameter \\\"step\\\": cannot parse \\\"\\\" to a valid duration");
        assertError(get("/api/v1/query_range?query=up&start=0&end=5&step=0"), 400, "bad_data",
                "zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertError(get("/api/v1/query_range?query=up&start=0&end=5&step=-1s"), 400, "bad_data",
                "invalid parameter \\\"step\\\": cannot parse \\\"-1s\\\" to a valid duration");
        assertError(get("/api/v1/query_range?query=up&start=0&end=5&step=-1"), 400, "bad_data",
                "zero or negative query resolution step widths are not accepted. Try a positive integer");
        assertError(get("/api/v1/query_range?query=up&start=0&end=11001&step=1"), 400, "bad_data",
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        assertThat(get("/api/v1/query_range?query=up&start=0&end=11000&step=1").statusCode()).isEqualTo(200);
        assertError(get("/api/v1/query_range?query=" + encode("up[5m]") + "&start=0&end=5&step=1"), 400, "bad_data",
                "invalid parameter \\\"query\\\": invalid expression type \\\"range vector\\\" for range query, must be Scalar or instant Vector");
    }

    @Test
    void executionErrors() {
        // promql.max-samples is 8 and the two series hold 10 samples
        assertError(get("/api/v1/query?query=" + encode("count_over_time({job=\"api\"}[5m])") + "&time=" + (base + 60)),
                422, "execution", "query processing would load too many samples into memory in query execution");
        // a zero timeout has expired before the query runs, as in Prometheus
        HttpResponse<String> timedOut = get("/api/v1/query?query=up&timeout=0");
        assertError(timedOut, 503, "timeout", "query timed out in query execution");
    }
}
