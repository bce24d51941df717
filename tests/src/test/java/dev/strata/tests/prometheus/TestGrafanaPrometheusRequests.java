package dev.strata.tests.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.PrometheusProcess;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.RemoteWriteEncoder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays the requests Grafana's Prometheus datasource sends (contract §3: Save &amp; test, the
 * init probes, the metric browser, label values with {@code match[]}, panels as form-encoded
 * POSTs with Grafana's extra parameters, variables) against Strata and against a real Prometheus
 * 2.42 that received the same remote-write data, and requires the same answers: the same status,
 * the same {@code errorType}, the same {@code data} (sets where Prometheus promises no order,
 * sample values within 1e-9 relative).
 *
 * <p>Samples lie 317 ms off the 15 s grid the queries step on, so no range or lookback window
 * boundary touches a sample and Prometheus 2.x's closed windows agree with 3.x's left-open ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestGrafanaPrometheusRequests {
    private static final Map<String, String> FORM = Map.of(
            "Content-Type", "application/x-www-form-urlencoded",
            "User-Agent", "Grafana/12.2.0");
    private static final long STEP_SECONDS = 15;
    private static final int SAMPLES = 80;
    private static final double[] BUCKETS = {0.1, 0.5, 1, Double.POSITIVE_INFINITY};

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(30));
    private final ObjectMapper json = new ObjectMapper();
    private StrataProcess strata;
    private PrometheusProcess prometheus;
    /** First sample time, whole seconds on a minute boundary (samples are at base + 15 s·i + 0.317 s). */
    private long base;

    @BeforeAll
    void startAndWrite() {
        strata = StrataProcess.start("grafana-prometheus");
        prometheus = PrometheusProcess.start("grafana-prometheus", port -> "global:\n  scrape_interval: 1h\nscrape_configs: []\n",
                List.of("--web.enable-remote-write-receiver"));
        base = (System.currentTimeMillis() / 60_000 - 25) * 60;
        byte[] body = RemoteWriteEncoder.body(dataset(), List.of(
                new RemoteWriteEncoder.Metadata(RemoteWriteEncoder.TYPE_COUNTER, "http_requests_total", "Requests served.", "")));
        for (URI target : List.of(strata.uri("/api/v1/write"), prometheus.uri("/api/v1/write"))) {
            LoopbackHttp.Response written = http.postOrFail(target, RemoteWriteEncoder.headers(), body);
            assertThat(written.status()).as(target + " " + written).isEqualTo(204);
        }
    }

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (strata != null) {
            strata.close();
        }
    }

    private List<RemoteWriteEncoder.Series> dataset() {
        List<RemoteWriteEncoder.Series> series = new ArrayList<>();
        String[][] requestLabels = {{"api", "a:1", "GET", "200"}, {"api", "a:1", "GET", "500"}, {"api", "b:2", "POST", "200"}, {"db", "c:3", "GET", "200"}};
        for (int s = 0; s < requestLabels.length; s++) {
            String[] l = requestLabels[s];
            int slope = 3 + 7 * s;
            series.add(new RemoteWriteEncoder.Series(
                    Map.of("__name__", "http_requests_total", "job", l[0], "instance", l[1], "method", l[2], "code", l[3]),
                    samples(i -> (double) slope * i + (i * i) % 5)));
            series.add(new RemoteWriteEncoder.Series(Map.of("__name__", "up", "job", l[0], "instance", l[1] + "/" + l[2] + l[3]),
                    samples(i -> i % 17 == 16 ? 0 : 1)));
        }
        for (int b = 0; b < BUCKETS.length; b++) {
            double share = (b + 1.0) / BUCKETS.length;
            String le = Double.isInfinite(BUCKETS[b]) ? "+Inf" : Double.toString(BUCKETS[b]).replaceAll("\\.0$", "");
            series.add(new RemoteWriteEncoder.Series(
                    Map.of("__name__", "http_request_duration_seconds_bucket", "job", "api", "le", le),
                    samples(i -> Math.floor(i * 10 * share))));
        }
        return series;
    }

    private List<RemoteWriteEncoder.Sample> samples(java.util.function.IntToDoubleFunction value) {
        List<RemoteWriteEncoder.Sample> samples = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            samples.add(new RemoteWriteEncoder.Sample((base + STEP_SECONDS * i) * 1000 + 317, value.applyAsDouble(i)));
        }
        return samples;
    }

    // ---- Save & test and the datasource's init probes (§3.2, §3.6, §3.9, §8 item 7) ----

    @Test
    void saveAndTestPostsOnePlusOneAtTimeFour() {
        Answer answer = bothPost("/api/v1/query", "query=" + enc("1+1") + "&time=4");
        assertSame(answer);
        assertThat(answer.strata.body.toString()).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"2\"]}}");
    }

    @Test
    void buildInfoHasNoFeaturesSoGrafanaDoesNotAssumeMimir() {
        Answer answer = bothGet("/api/v1/status/buildinfo");
        assertThat(answer.strata.status).isEqualTo(200);
        assertThat(answer.strata.body.path("status").asText()).isEqualTo("success");
        Set<String> strataFields = fieldNames(answer.strata.body.get("data"));
        assertThat(strataFields).doesNotContain("features").containsAll(fieldNames(answer.prometheus.body.get("data")));
    }

    @Test
    void exemplarProbeWithMillisecondTimesSucceeds() {
        long ms = System.currentTimeMillis();
        assertSame(bothPost("/api/v1/query_exemplars", "query=test&start=" + (ms - 3_600_000) + "&end=" + ms));
    }

    @Test
    void rulesAndAlertsAreEmptyButSuccessful() {
        assertSame(bothGet("/api/v1/rules"));
        assertSame(bothGet("/api/v1/alerts"));
    }

    @Test
    void flagsAnswer404SoGrafanaDoesNotAssumeThanos() {
        assertThat(call(strata.uri("/api/v1/status/flags"), null).status).isEqualTo(404);
    }

    // ---- editor start and metric browser (§3.5) ----

    @Test
    void editorStartListsMetricNamesAndLabelNames() {
        String range = "start=" + snapped(base) + "&end=" + snapped(base + 20 * 60);
        assertSame(bothGet("/api/v1/label/__name__/values?limit=40000&" + range));
        assertSame(bothPost("/api/v1/labels", "limit=40000&" + range));
    }

    @Test
    void metricBrowserNarrowsLabelsAndValuesByMatch() {
        String range = "&start=" + snapped(base) + "&end=" + snapped(base + 20 * 60);
        assertSame(bothPost("/api/v1/labels", "match%5B%5D=" + enc("{__name__=\"http_requests_total\"}") + range));
        assertSame(bothGet("/api/v1/label/code/values?match%5B%5D=" + enc("http_requests_total{job=\"api\"}") + range));
        assertSame(bothGet("/api/v1/label/__name__/values?match%5B%5D=" + enc("{__name__=~\".*requests.*\"}") + range));
        assertSame(bothGet("/api/v1/label/instance/values?match%5B%5D=" + enc("up") + "&match%5B%5D=" + enc("http_requests_total{code=\"500\"}") + range));
    }

    @Test
    void seriesLookupsIncludingTempoServiceGraphProbe() {
        String range = "&start=" + snapped(base) + "&end=" + snapped(base + 20 * 60);
        assertSame(bothPost("/api/v1/series", "match%5B%5D=" + enc("{__name__=\"up\"}") + range));
        assertSame(bothPost("/api/v1/series", "match%5B%5D=" + enc("http_requests_total{method=~\"G.*\",code!=\"500\"}") + range));
        assertSame(bothPost("/api/v1/series", "match%5B%5D=traces_service_graph_request_server_seconds&limit=1"));
        Answer missingMatch = bothPost("/api/v1/series", range.substring(1));
        assertSame(missingMatch);
        assertThat(missingMatch.strata.status).isEqualTo(400);
    }

    @Test
    void metadataComesFromRemoteWrite() {
        // Prometheus 2.42's remote-write receiver drops metadata, so this one is checked by hand.
        Reply reply = call(strata.uri("/api/v1/metadata?limit=40000"), null);
        assertThat(reply.status).isEqualTo(200);
        assertThat(reply.body.path("data").path("http_requests_total").toString())
                .isEqualTo("[{\"type\":\"counter\",\"help\":\"Requests served.\",\"unit\":\"\"}]");
    }

    // ---- panels, Explore and variables (§3.3, §3.4) ----

    @Test
    void rangePanelsAsFormPostsWithGrafanasExtraParameters() {
        long start = alignedDown(base + 120);
        long end = alignedDown(base + 19 * 60);
        String grid = "&start=" + start + "&end=" + end + "&step=" + STEP_SECONDS
                + "&max_samples_processed_warning_threshold=1000000&customQueryParam=1";
        for (String query : List.of(
                "sum by (code) (rate(http_requests_total[1m]))",
                "sum(rate(http_requests_total{job=~\"api|db\"}[2m])) by (job, method)",
                "histogram_quantile(0.9, sum by (le) (rate(http_request_duration_seconds_bucket[2m])))",
                "topk(2, http_requests_total)",
                "avg_over_time(up[5m]) < 1",
                "increase(http_requests_total{code=\"500\"}[5m]) / on(instance) group_left increase(http_requests_total{code=\"200\",job=\"api\"}[5m])")) {
            Answer answer = bothPost("/api/v1/query_range", "query=" + enc(query) + grid);
            assertSame(answer);
            assertThat(answer.strata.body.path("data").path("result").size()).as(query).isPositive();
        }
    }

    @Test
    void instantPanelsAndQueryResultVariables() {
        assertSame(bothPost("/api/v1/query", "query=" + enc("sum(rate(http_requests_total[5m]))") + "&time=" + (base + 600) + ".25"));
        assertSame(bothPost("/api/v1/query", "query=" + enc("up == 0") + "&time=" + (base + 16 * 15 + 5)));
        assertSame(bothGet("/api/v1/query?query=" + enc("topk(3, sum by (instance) (http_requests_total))") + "&time=" + (base + 900)));
        assertSame(bothPost("/api/v1/query", "query=" + enc("http_requests_total[1m]") + "&time=" + (base + 300)));
    }

    @Test
    void badRequestsGetTheSameErrorTypeAndStatus() {
        long end = base + 600;
        for (String form : List.of(
                "query=" + enc("sum(") + "&time=" + end,
                "query=" + enc("rate(http_requests_total)") + "&time=" + end,
                "query=up&time=yesterday")) {
            assertSameError(bothPost("/api/v1/query", form));
        }
        for (String form : List.of(
                "query=up&start=" + end + "&end=" + (end - 60) + "&step=15",
                "query=up&start=" + (end - 60) + "&end=" + end + "&step=0",
                "query=up&start=" + (end - 60) + "&end=" + end + "&step=-15",
                "query=up&start=0&end=" + end + "&step=1",
                "query=up&start=" + (end - 60) + "&end=" + end)) {
            assertSameError(bothPost("/api/v1/query_range", form));
        }
    }

    // ---- the comparison ----

    private record Reply(int status, JsonNode body) {}

    private record Answer(String request, Reply strata, Reply prometheus) {}

    private Answer bothGet(String pathAndQuery) {
        return new Answer("GET " + pathAndQuery, call(strata.uri(pathAndQuery), null), call(prometheus.uri(pathAndQuery), null));
    }

    private Answer bothPost(String path, String form) {
        return new Answer("POST " + path + " " + form, call(strata.uri(path), form), call(prometheus.uri(path), form));
    }

    private Reply call(URI uri, String form) {
        try {
            LoopbackHttp.Response response = form == null ? http.get(uri) : http.post(uri, FORM, form.getBytes(StandardCharsets.UTF_8));
            JsonNode body = response.body().length == 0 ? json.nullNode() : json.readTree(response.body());
            return new Reply(response.status(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(uri.toString(), e);
        }
    }

    private static void assertSame(Answer answer) {
        assertThat(answer.strata.status).as(answer.request + "\nstrata: " + answer.strata.body + "\nprometheus: " + answer.prometheus.body)
                .isEqualTo(answer.prometheus.status);
        List<String> differences = new ArrayList<>();
        compare("", answer.strata.body, answer.prometheus.body, differences);
        assertThat(differences).as(answer.request + "\nstrata: " + answer.strata.body + "\nprometheus: " + answer.prometheus.body).isEmpty();
    }

    private static void assertSameError(Answer answer) {
        String description = answer.request + "\nstrata: " + answer.strata.body + "\nprometheus: " + answer.prometheus.body;
        assertThat(answer.prometheus.status).as(description).isGreaterThanOrEqualTo(400);
        assertThat(answer.strata.status).as(description).isEqualTo(answer.prometheus.status);
        assertThat(answer.strata.body.path("status").asText()).as(description).isEqualTo("error");
        assertThat(answer.strata.body.path("errorType").asText()).as(description).isEqualTo(answer.prometheus.body.path("errorType").asText());
        assertThat(answer.strata.body.path("error").asText()).as(description).isNotBlank();
    }

    /**
     * Structural comparison. Error messages may differ in wording (Strata follows 3.x); arrays
     * whose order Prometheus does not define (label sets of /series, vector elements) compare as
     * sets; numbers encoded as strings compare within 1e-9 relative.
     */
    private static void compare(String path, JsonNode strata, JsonNode prometheus, List<String> differences) {
        if (path.endsWith("/error")) {
            return;
        }
        if (strata.isObject() && prometheus.isObject()) {
            if (!fieldNames(strata).equals(fieldNames(prometheus))) {
                differences.add(path + ": fields " + fieldNames(strata) + " vs " + fieldNames(prometheus));
                return;
            }
            strata.fields().forEachRemaining(field -> compare(path + "/" + field.getKey(), field.getValue(), prometheus.get(field.getKey()), differences));
        } else if (strata.isArray() && prometheus.isArray()) {
            if (strata.size() != prometheus.size()) {
                differences.add(path + ": " + strata.size() + " elements vs " + prometheus.size());
                return;
            }
            boolean unordered = path.equals("/data") && strata.size() > 0 && strata.get(0).isObject()
                    || path.equals("/data/result") && strata.size() > 0 && strata.get(0).has("value");
            if (unordered) {
                compareAsSets(path, strata, prometheus, differences);
                return;
            }
            for (int i = 0; i < strata.size(); i++) {
                compare(path + "[" + i + "]", strata.get(i), prometheus.get(i), differences);
            }
        } else if (strata.isTextual() && prometheus.isTextual() && isNumber(strata.asText()) && isNumber(prometheus.asText())) {
            double a = Double.parseDouble(strata.asText());
            double b = Double.parseDouble(prometheus.asText());
            boolean same = Double.compare(a, b) == 0 || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
            if (!same) {
                differences.add(path + ": " + strata.asText() + " vs " + prometheus.asText());
            }
        } else if (!strata.equals(prometheus)) {
            differences.add(path + ": " + strata + " vs " + prometheus);
        }
    }

    /** Matches elements by their {@code metric} (or, for label sets, by themselves). */
    private static void compareAsSets(String path, JsonNode strata, JsonNode prometheus, List<String> differences) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        for (JsonNode element : prometheus) {
            byKey.put(element.has("metric") ? element.get("metric").toString() : element.toString(), element);
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode element : strata) {
            String key = element.has("metric") ? element.get("metric").toString() : element.toString();
            JsonNode other = byKey.get(key);
            if (other == null || !seen.add(key)) {
                differences.add(path + ": unexpected " + key);
            } else {
                compare(path + "{" + key + "}", element, other, differences);
            }
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Grafana's resource calls snap times to whole minutes (cacheLevel low: 1 minute). */
    private static long snapped(long seconds) {
        return seconds / 60 * 60;
    }

    /** Grafana aligns start and end down to a multiple of the step. */
    private static long alignedDown(long seconds) {
        return seconds / STEP_SECONDS * STEP_SECONDS;
    }
}
