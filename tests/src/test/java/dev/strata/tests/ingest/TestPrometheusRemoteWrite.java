package dev.strata.tests.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.strata.tests.harness.DuckDbParts;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.PrometheusProcess;
import dev.strata.tests.harness.StrataProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's Prometheus 2.42 scrapes itself and a text exposition served by this test (known
 * values, label escapes, a series that goes away) every second and remote-writes everything into
 * Strata. Scraping then stops (config reload), Prometheus drains its queue and is stopped; after
 * {@code POST /flush}, DuckDB over Strata's parts must hold exactly the raw samples Prometheus's
 * own API returns for every series (labels, millisecond timestamps, values), plus the staleness
 * marker Prometheus wrote for the series that went away, and the metric metadata (type, help).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestPrometheusRemoteWrite {
    private static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    /**
     * Debian's 2.42 build ignores remote_write {@code headers} (checked: no X-Scope-OrgID goes
     * out), so Prometheus writes into the default tenant; other tests cover tenants.
     */
    private static final String TENANT = "fake";
    private static final int MIN_SCRAPES = 6;
    private static final int FLAPPING_SCRAPES = 3;

    private final AtomicInteger scrapes = new AtomicInteger();
    private StrataProcess strata;
    private PrometheusProcess prometheus;
    private HttpServer exposition;

    @BeforeEach
    void startServer() {
        if (strata == null) {
            strata = StrataProcess.start("remote-write");
        }
    }

    @AfterAll
    void stopAll() {
        if (exposition != null) {
            exposition.stop(0);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (strata != null) {
            strata.close();
        }
    }

    /** A sample as both sides report it; NaN compares equal to NaN (Prometheus prints every NaN alike). */
    record Point(long timestampMs, double value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Point point && point.timestampMs == timestampMs
                    && Double.compare(point.value, value) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(timestampMs) * 31 + Double.hashCode(value);
        }
    }

    @Test
    void strataHoldsExactlyWhatPrometheusScrapedAndSent() throws Exception {
        exposition = startExposition();
        int target = exposition.getAddress().getPort();
        prometheus = PrometheusProcess.start("remote-write", port -> config(port, target, true),
                List.of("--storage.remote.flush-deadline=20s"));

        await("Prometheus scraped the exposition " + MIN_SCRAPES + " times and sent metadata", Duration.ofSeconds(60), () ->
                scrapes.get() >= MIN_SCRAPES
                        && PrometheusProcess.sumOf(prometheus.selfMetrics(), "prometheus_remote_storage_metadata_total") > 0);

        // Stop scraping but keep the queue: removing the jobs stops their loops at once (without
        // end-of-run staleness markers) and the unchanged remote_write config keeps its queue.
        prometheus.reload(config(prometheus.port(), target, false));
        Thread.sleep(1_500);
        await("Prometheus's remote-write queue drained", Duration.ofSeconds(60), this::queueDrained);
        String selfMetrics = prometheus.selfMetrics();
        assertThat(PrometheusProcess.sumOf(selfMetrics, "prometheus_remote_storage_samples_failed_total"))
                .as("samples Strata refused").isZero();
        assertThat(PrometheusProcess.sumOf(selfMetrics, "prometheus_remote_storage_metadata_failed_total"))
                .as("metadata Strata refused").isZero();

        Map<Map<String, String>, List<Point>> sent = prometheusSamples();
        assertThat(prometheus.sigterm()).as("Prometheus exit code").isZero();
        strata.flush();

        Map<Map<String, String>, List<Point>> stored = new HashMap<>();
        Map<Map<String, String>, List<Point>> staleMarkers = new HashMap<>();
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            assertThat(duck.queryLong("SELECT count(*) FROM " + duck.table("samples")
                    + " WHERE series_id NOT IN (SELECT series_id FROM " + duck.table("series") + ")"))
                    .as("samples whose series is unknown").isZero();
            assertThat(duck.query("SELECT DISTINCT tenant FROM " + duck.table("samples"), row -> row.getString(1)))
                    .containsExactly(TENANT);
            duck.query("WITH s AS (SELECT series_id, any_value(metric) AS metric, any_value(to_json(labels)::VARCHAR) AS labels"
                            + " FROM " + duck.table("series") + " GROUP BY series_id)"
                            + " SELECT s.metric, s.labels, epoch_ms(x.ts), x.value FROM " + duck.table("samples")
                            + " x JOIN s USING (series_id) ORDER BY 1, 2, 3",
                    row -> {
                        Map<String, String> labels = new TreeMap<>(DuckDbParts.textMap(row.getString(2)));
                        labels.put("__name__", row.getString(1));
                        double value = row.getDouble(4);
                        Point point = new Point(row.getLong(3), value);
                        boolean isStale = Double.doubleToRawLongBits(value) == STALE_NAN_BITS;
                        (isStale ? staleMarkers : stored).computeIfAbsent(labels, k -> new ArrayList<>()).add(point);
                        return null;
                    });

            assertThat(sent).as("Prometheus's series").hasSizeGreaterThan(100);
            assertThat(stored.keySet()).as("series in Strata").containsExactlyInAnyOrderElementsOf(sent.keySet());
            for (Map.Entry<Map<String, String>, List<Point>> series : sent.entrySet()) {
                assertThat(stored.get(series.getKey())).as("samples of %s", series.getKey())
                        .containsExactlyElementsOf(series.getValue());
            }

            // the series that left the exposition ends with one staleness marker after its last
            // sample; any other marker (a series Prometheus itself stopped exposing) must also
            // come after its series' last sample
            Map<String, String> flapping = new TreeMap<>(Map.of("__name__", "e2e_flapping", "phase", "early",
                    "job", "e2e-static", "instance", "127.0.0.1:" + target));
            assertThat(staleMarkers).as("staleness markers").containsKey(flapping);
            assertThat(staleMarkers.get(flapping)).as("staleness marker of %s", flapping).hasSize(1);
            for (Map.Entry<Map<String, String>, List<Point>> markers : staleMarkers.entrySet()) {
                List<Point> samples = sent.get(markers.getKey());
                assertThat(samples).as("samples of the series of staleness marker %s", markers.getKey()).isNotEmpty();
                assertThat(markers.getValue().get(0).timestampMs()).as("staleness marker of %s", markers.getKey())
                        .isGreaterThan(samples.get(samples.size() - 1).timestampMs());
            }

            Map<String, List<String>> metadata = new HashMap<>();
            duck.query("SELECT DISTINCT metric, metric_type, help FROM " + duck.table("series")
                            + " WHERE metric IN ('e2e_jobs_processed_total', 'e2e_temperature_celsius', 'prometheus_http_requests_total')",
                    row -> metadata.put(row.getString(1), List.of(String.valueOf(row.getString(2)), String.valueOf(row.getString(3)))));
            assertThat(metadata).containsOnly(
                    Map.entry("e2e_jobs_processed_total", List.of("counter", "Jobs processed by the e2e exposition.")),
                    Map.entry("e2e_temperature_celsius", List.of("gauge", "Temperature with \"quotes\" and a \\ backslash.")),
                    Map.entry("prometheus_http_requests_total", List.of("counter", "Counter of HTTP requests.")));
        }
    }

    /** Raw samples of every series Prometheus holds, from a range-vector query over its TSDB. */
    private Map<Map<String, String>, List<Point>> prometheusSamples() {
        JsonNode data = prometheus.query("{__name__=~\".+\"}[1h]", Instant.now().plusSeconds(1));
        assertThat(data.path("resultType").asText()).isEqualTo("matrix");
        Map<Map<String, String>, List<Point>> out = new HashMap<>();
        for (JsonNode series : data.get("result")) {
            Map<String, String> labels = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = series.get("metric").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> label = it.next();
                labels.put(label.getKey(), label.getValue().asText());
            }
            List<Point> points = new ArrayList<>();
            for (JsonNode pair : series.get("values")) {
                long ms = new BigDecimal(pair.get(0).asText()).movePointRight(3).longValueExact();
                points.add(new Point(ms, parsePrometheusValue(pair.get(1).asText())));
            }
            out.put(labels, points);
        }
        return out;
    }

    private boolean queueDrained() {
        String metrics = prometheus.selfMetrics();
        double highest = PrometheusProcess.sumOf(metrics, "prometheus_remote_storage_highest_timestamp_in_seconds");
        double sent = PrometheusProcess.sumOf(metrics, "prometheus_remote_storage_queue_highest_sent_timestamp_seconds");
        return PrometheusProcess.sumOf(metrics, "prometheus_remote_storage_samples_pending") == 0 && highest > 0 && sent >= highest;
    }

    private static double parsePrometheusValue(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }

    private String config(int prometheusPort, int exposition, boolean isScraping) {
        String scrapes = isScraping ? """
                scrape_configs:
                  - job_name: prometheus
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                  - job_name: e2e-static
                    static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(prometheusPort, exposition) : "scrape_configs: []\n";
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1m
                %sremote_write:
                  - url: %s
                    name: strata
                    remote_timeout: 10s
                    queue_config:
                      capacity: 2500
                      min_shards: 1
                      max_shards: 2
                      max_samples_per_send: 500
                      batch_send_deadline: 200ms
                      min_backoff: 50ms
                      max_backoff: 500ms
                    metadata_config:
                      send: true
                      send_interval: 1s
                """.formatted(scrapes, strata.uri("/api/v1/write"));
    }

    /** A text exposition whose values change with every scrape. */
    private HttpServer startExposition() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.createContext("/metrics", exchange -> {
            int n = scrapes.incrementAndGet();
            String body = """
                    # HELP e2e_jobs_processed_total Jobs processed by the e2e exposition.
                    # TYPE e2e_jobs_processed_total counter
                    e2e_jobs_processed_total{queue="default"} %d
                    e2e_jobs_processed_total{queue="esc \\"q\\" \\\\ \\n ü"} 7
                    # HELP e2e_temperature_celsius Temperature with "quotes" and a \\\\ backslash.
                    # TYPE e2e_temperature_celsius gauge
                    e2e_temperature_celsius %s
                    """.formatted(3 * n, Double.toString(21.5 + 0.25 * n))
                    // a series that disappears after three scrapes: Prometheus marks it stale
                    + (n <= FLAPPING_SCRAPES ? "e2e_flapping{phase=\"early\"} 1\n" : "");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting until " + what);
            }
            Thread.sleep(250);
        }
    }
}
