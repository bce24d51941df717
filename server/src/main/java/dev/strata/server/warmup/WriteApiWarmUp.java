package dev.strata.server.warmup;

import static java.util.Objects.requireNonNull;

import dev.strata.server.BackendFactory;
import dev.strata.server.BackendSlot;
import dev.strata.server.config.StrataConfig;
import dev.strata.server.http.HttpServer;
import dev.strata.server.http.RequestProcessor;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.storage.Store;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends remote-write requests through the server's real HTTP pipeline (a second Netty listener on
 * an ephemeral loopback port, the real router, handler, decoder and store write path, the server's
 * worker pool) into a throw-away store, so that the JIT has compiled the ingest path before the
 * first agents' writes instead of beside them. The store is opened by the server's own
 * {@link BackendFactory} in a fresh temporary directory and deleted afterwards ({@link
 * ThrowAwayBackend}); users' tenants and data directory are never touched, and a factory that
 * hands back the serving store makes the warm-up skip. The requests are agent-sized
 * ({@value #SERIES_PER_REQUEST} series of 10 samples, bodies spanning several socket reads, the
 * series cache missing on the first pass and hitting after): measured, that warmed the first
 * window more per warm-up second than mostly small requests did (docs/benchmarks.md). At most
 * {@value #REQUESTS} (3 M samples, bounding the throw-away head's memory), bounded by
 * {@code budget} of wall time from the start, checked before each request. Runs on the caller's
 * thread.
 */
public final class WriteApiWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(WriteApiWarmUp.class);
    static final int REQUESTS = 300;
    static final int SERIES_PER_REQUEST = 1_000;

    private final BackendFactory factory;
    private final StrataConfig config;
    private final BufferAllocator allocator;
    private final WriteRoutes routes;
    private final Executor workers;
    private final Path tempParent;
    private final Duration budget;
    private final InstantSource clock;
    private final LongSupplier nanoTime;

    /**
     * @param workers the executor the loopback listener hands requests to (the server's own workers)
     * @param tempParent where the throw-away store's directory is created
     * @param budget wall time the whole warm-up may take, setup included; zero disables it
     */
    public WriteApiWarmUp(BackendFactory factory, StrataConfig config, BufferAllocator allocator, WriteRoutes routes,
            Executor workers, Path tempParent, Duration budget, InstantSource clock, LongSupplier nanoTime) {
        this.factory = requireNonNull(factory, "factory is null");
        this.config = requireNonNull(config, "config is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.routes = requireNonNull(routes, "routes is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.tempParent = requireNonNull(tempParent, "tempParent is null");
        this.budget = requireNonNull(budget, "budget is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
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
        try (ThrowAwayBackend throwAway = ThrowAwayBackend.open(factory, config, allocator, tempParent, "strata-write-warmup-",
                serving)) {
            if (throwAway.isServing()) {
                LOG.info("write warm-up skipped [reason=the backend factory returned the serving store]");
                return WarmUpResult.skipped("the backend factory returned the serving store");
            }
            BackendSlot slot = new BackendSlot();
            slot.ready(throwAway.backend());
            RequestProcessor processor = new RequestProcessor(routes.over(slot), new ServerMetrics(new PrometheusRegistry()),
                    config.server().requestTimeout(), nanoTime);
            HttpServer http = new HttpServer(config.server().withPorts(List.of(0), 0)
                    .withBindAddress(InetAddress.getLoopbackAddress().getHostAddress()), processor, workers);
            http.start();
            WarmUpResult result;
            try {
                result = send(http.boundPorts().get(0), started);
            } finally {
                // the client waits for every answer, so no request is in flight here
                slot.closing();
                http.close(Duration.ofSeconds(1));
            }
            LOG.info("write warm-up done [requests={}, failures={}, setup_millis={}, millis={}]", result.requests(),
                    result.failures(), result.setupMillis(), (nanoTime.getAsLong() - started) / 1_000_000);
            return result;
        }
    }

    private WarmUpResult send(int port, long started) {
        long requestsStarted = nanoTime.getAsLong();
        long deadline = started + budget.toNanos();
        // the whole plan's samples lie between two hours ago and now: inside any retention, none in the future
        long seriesWrites = (long) REQUESTS * SERIES_PER_REQUEST;
        long back = Math.max(Duration.ofHours(2).toMillis(), RemoteWriteWarmUpRequests.spanMillis(seriesWrites));
        RemoteWriteWarmUpRequests requests = new RemoteWriteWarmUpRequests(clock.millis() - back);
        int sent = 0;
        int failures = 0;
        // an answer slower than the request timeout means the worker pool is stuck: give up, ready anyway
        try (LoopbackWriteClient client = new LoopbackWriteClient(port, "/api/v1/write",
                config.server().requestTimeout().plusSeconds(5))) {
            while (sent < REQUESTS && nanoTime.getAsLong() - deadline < 0) {
                int status = client.post(requests.next(SERIES_PER_REQUEST));
                sent++;
                if (status != 204 && failures++ == 0) {
                    LOG.warn("write warm-up request failed [status={}]", status);
                }
            }
        } catch (IOException e) {
            failures++;
            LOG.warn("write warm-up stopped [requests={}, reason={}]", sent, e.toString());
        }
        return new WarmUpResult(sent, failures, "", (requestsStarted - started) / 1_000_000);
    }
}
