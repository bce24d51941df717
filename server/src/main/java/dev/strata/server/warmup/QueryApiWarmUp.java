package dev.strata.server.warmup;

import static java.util.Objects.requireNonNull;

import dev.strata.server.Backend;
import dev.strata.server.BackendFactory;
import dev.strata.server.BackendSlot;
import dev.strata.server.config.StrataConfig;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.RequestProcessor;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.storage.Store;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Prometheus query API's handlers (label names and values, series, instant and range
 * queries, GET and form POST) for a bounded time against a throw-away store, so that the JIT has
 * compiled the request path, the label index, the part readers, the evaluator and the JSON writer
 * before users' first dashboard queries. The store is opened by the server's own
 * {@link BackendFactory} in a fresh temporary directory, filled with {@link WarmUpDataset},
 * flushed (so queries read parts, as they mostly do) and deleted afterwards: users' tenants and
 * data directory are never touched. A factory that hands back the serving store (a test fake)
 * makes the warm-up skip. Runs on the caller's thread; the server runs it on a worker before
 * {@code /ready}, waiting a bounded time.
 */
public final class QueryApiWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApiWarmUp.class);
    private static final String FORM = "application/x-www-form-urlencoded";

    private final BackendFactory factory;
    private final StrataConfig config;
    private final BufferAllocator allocator;
    private final QueryRoutes routes;
    private final Path tempParent;
    private final Duration budget;
    private final InstantSource clock;
    private final LongSupplier nanoTime;
    private final LongSupplier cpuNanos;

    /**
     * @param tempParent where the throw-away store's directory is created
     * @param budget how much CPU time of the warm-up's thread requests may take once the throw-away
     *     store is written and flushed, checked before each; zero disables the warm-up
     * @param nanoTime the wall clock (request handling, logs)
     * @param cpuNanos the CPU time of the thread calling {@link #run}: on a loaded machine wall time
     *     is mostly other processes' and a wall-time budget bought one request where 2 CPU-s buy
     *     hundreds; the server's wait for the warm-up before {@code /ready} stays a wall-time bound
     */
    public QueryApiWarmUp(BackendFactory factory, StrataConfig config, BufferAllocator allocator, QueryRoutes routes, Path tempParent,
            Duration budget, InstantSource clock, LongSupplier nanoTime, LongSupplier cpuNanos) {
        this.factory = requireNonNull(factory, "factory is null");
        this.config = requireNonNull(config, "config is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.routes = requireNonNull(routes, "routes is null");
        this.tempParent = requireNonNull(tempParent, "tempParent is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        this.cpuNanos = requireNonNull(cpuNanos, "cpuNanos is null");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("budget is negative: " + budget);
        }
    }

    /** Warms up unless disabled; {@code serving} is the users' store, which must not be the one opened. */
    public WarmUpResult run(Store serving) {
        requireNonNull(serving, "serving is null");
        if (budget.isZero()) {
            return WarmUpResult.skipped("disabled");
        }
        long started = nanoTime.getAsLong();
        try (ThrowAwayBackend throwAway = ThrowAwayBackend.open(factory, config, allocator, tempParent, "strata-warmup-", serving)) {
            if (throwAway.isServing()) {
                // never write into or close the users' store
                LOG.info("promql warm-up skipped [reason=the backend factory returned the serving store]");
                return WarmUpResult.skipped("the backend factory returned the serving store");
            }
            WarmUpResult result = warmUp(throwAway.backend(), started);
            LOG.info("promql warm-up done [requests={}, failures={}, setup_millis={}, millis={}]", result.requests(),
                    result.failures(), result.setupMillis(), (nanoTime.getAsLong() - started) / 1_000_000);
            return result;
        }
    }

    private WarmUpResult warmUp(Backend backend, long started) {
        long end = clock.millis() / WarmUpDataset.INTERVAL_MS * WarmUpDataset.INTERVAL_MS;
        String tenant = config.server().defaultTenant();
        backend.store().writeSamples(tenant, WarmUpDataset.batch(end));
        backend.store().flush();
        long requestsStarted = nanoTime.getAsLong();
        long cpuStarted = cpuNanos.getAsLong();
        BackendSlot slot = new BackendSlot();
        slot.ready(backend);
        RequestProcessor processor = new RequestProcessor(routes.over(slot), new ServerMetrics(new PrometheusRegistry()),
                Duration.ofMinutes(1), nanoTime);
        List<HttpRequest> requests = requests(WarmUpDataset.startMillis(end), end);
        long budgetNanos = budget.toNanos();
        int sent = 0;
        int failures = 0;
        // the budget bounds the requests' CPU time, checked before each; the store's setup before them
        // is a small fixed amount of work (slow only while its code is cold on a loaded machine)
        while (cpuNanos.getAsLong() - cpuStarted < budgetNanos) {
            HttpRequest request = requests.get(sent % requests.size());
            HttpResponse response = processor.process(request, nanoTime.getAsLong());
            sent++;
            if (response.status() != 200 && failures++ == 0) {
                LOG.warn("promql warm-up request failed [path={}, status={}, body={}]", request.path(), response.status(),
                        new String(response.body(), StandardCharsets.UTF_8));
            }
        }
        slot.closing();
        return new WarmUpResult(sent, failures, "", (requestsStarted - started) / 1_000_000);
    }

    /** One round of the requests a Prometheus dashboard and its variables send. */
    static List<HttpRequest> requests(long startMillis, long endMillis) {
        String start = Double.toString(startMillis / 1000.0);
        String end = Double.toString(endMillis / 1000.0);
        String c = WarmUpDataset.COUNTER;
        String h = WarmUpDataset.HISTOGRAM;
        List<String> ranges = List.of(
                "sum by (job) (rate(" + c + "[5m]))",
                "sum by (job, status) (rate(" + c + "{status=~\"5..\"}[5m]))",
                "histogram_quantile(0.99, sum by (job, le) (rate(" + h + "_bucket[5m])))",
                "topk(3, sum by (instance) (rate(" + c + "[5m])))",
                "sum by (instance) (rate(" + c + "{job=~\"api|web\", method=~\"GET|POST\", handler!~\".*/users\"}[1m]))",
                "sum by (job) (rate(" + h + "_sum[5m])) / sum by (job) (rate(" + h + "_count[5m]))",
                "sum by (job) (increase(" + c + "[10m]))",
                c + "{job=\"api\", instance=\"api-0:8080\"}",
                "max by (job) (avg_over_time(" + WarmUpDataset.GAUGE + "[2m]))");
        List<HttpRequest> requests = new ArrayList<>();
        for (String query : ranges) {
            requests.add(get("/api/v1/query_range", Map.of("query", List.of(query), "start", List.of(start), "end", List.of(end),
                    "step", List.of("15"))));
        }
        requests.add(post("/api/v1/query_range", "query=" + encode(ranges.get(0)) + "&start=" + start + "&end=" + end + "&step=15"));
        requests.add(get("/api/v1/query", Map.of("query", List.of("sum(rate(" + c + "[5m]))"), "time", List.of(end))));
        requests.add(get("/api/v1/labels", Map.of("start", List.of(start), "end", List.of(end))));
        requests.add(get("/api/v1/label/instance/values", Map.of("match[]", List.of("{job=\"api\"}"), "start", List.of(start),
                "end", List.of(end))));
        requests.add(get("/api/v1/label/__name__/values", Map.of()));
        requests.add(get("/api/v1/series", Map.of("match[]", List.of(c + "{status=\"500\"}"), "start", List.of(start),
                "end", List.of(end))));
        requests.add(post("/api/v1/series", "match[]=" + encode(h + "_bucket{job=\"web\"}") + "&start=" + start + "&end=" + end));
        return List.copyOf(requests);
    }

    private static HttpRequest get(String path, Map<String, List<String>> parameters) {
        return new HttpRequest("GET", path, parameters, new DefaultHttpHeaders(), new byte[0], Map.of());
    }

    private static HttpRequest post(String path, String form) {
        HttpHeaders headers = new DefaultHttpHeaders().set("content-type", FORM);
        return new HttpRequest("POST", path, Map.of(), headers, form.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
