package dev.strata.server;

import static java.util.Objects.requireNonNull;

import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.api.PushHandler;
import dev.strata.server.api.admin.FlushHandler;
import dev.strata.server.api.admin.ReadyHandler;
import dev.strata.server.api.otlp.OtlpHttpHandler;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.plan.PromQlEngine;
import dev.strata.promql.plan.PromQlLanguage;
import dev.strata.server.api.prometheus.QueryHandlers;
import dev.strata.server.api.prometheus.SeriesMetadataHandlers;
import dev.strata.server.api.prometheus.StaticApiHandlers;
import dev.strata.server.api.sql.SqlHandler;
import dev.strata.server.config.PromQlApiConfig;
import dev.strata.server.config.ServerConfig;
import dev.strata.server.config.StrataConfig;
import dev.strata.server.grpc.OtlpGrpcServer;
import dev.strata.server.grpc.OtlpGrpcServices;
import dev.strata.server.http.ApiFlavour;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpServer;
import dev.strata.server.http.RequestProcessor;
import dev.strata.server.http.Router;
import dev.strata.server.http.Tenants;
import dev.strata.server.metrics.MetricsHandler;
import dev.strata.server.warmup.QueryApiWarmUp;
import dev.strata.server.warmup.WarmUpResult;
import dev.strata.server.warmup.WriteApiWarmUp;
import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import dev.strata.spi.scan.TableSource;
import java.time.InstantSource;
import dev.strata.server.metrics.ServerMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Strata: HTTP and OTLP/gRPC listeners, the worker executor, and the backend behind
 * them. Start is two steps so that {@code /ready} answers 503 while the store opens:
 * {@link #startListeners()}, then {@link #openBackend()}. {@link #close()} is the shutdown
 * sequence (SIGTERM runs it): refuse new work, stop accepting, finish in-flight requests, close
 * the store (which flushes), release the threads. The caller owns the allocator and registry.
 */
public final class StrataServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StrataServer.class);
    /**
     * Readiness is what a restarted server owes the agents queueing writes for it: on a busy machine
     * the SQL warm-up alone took 20 s, so past this it finishes beside the first writes.
     */
    private static final Duration SQL_WARM_UP_WAIT = Duration.ofSeconds(5);
    private static final Duration QUERY_API_WARM_UP_SETUP_WAIT = Duration.ofSeconds(5);

    private final StrataConfig config;
    private final BackendFactory backendFactory;
    private final BufferAllocator allocator;
    private final PrometheusRegistry registry;
    private final BackendSlot backend = new BackendSlot();
    private final ThreadPoolExecutor workers;
    private final HttpServer http;
    private final OtlpGrpcServer grpc;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SqlQueryService sql;
    private final QueryWorkerPool queryWorkers;
    private final QueryApiWarmUp warmUp;
    private final LongSupplier nanoTime;
    private final CompletableFuture<WarmUpResult> warmUpResult = new CompletableFuture<>();
    private final WriteApiWarmUp writeWarmUp;
    private final CompletableFuture<WarmUpResult> writeWarmUpResult = new CompletableFuture<>();

    public StrataServer(StrataConfig config, BackendFactory backendFactory, BufferAllocator allocator,
            PrometheusRegistry registry, LongSupplier nanoTime) {
        this.config = requireNonNull(config, "config is null");
        this.backendFactory = requireNonNull(backendFactory, "backendFactory is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
        ServerConfig server = config.server();
        ServerMetrics metrics = new ServerMetrics(registry);
        JvmMetrics.builder().register(registry);
        IngestGateway gateway = new IngestGateway(backend, metrics);
        Tenants tenants = new Tenants(server.defaultTenant());
        this.queryWorkers = QueryWorkerPool.create(config.query().threads());
        this.warmUp = new QueryApiWarmUp(backendFactory, config, allocator, slot -> {
            Router.Builder router = Router.builder();
            queryRoutes(router, slot, tenants);
            return router.build();
        }, Path.of(System.getProperty("java.io.tmpdir")), config.promql().warmUp(), InstantSource.system(), nanoTime,
                threadCpuTime(nanoTime));
        this.workers = new ThreadPoolExecutor(server.workerThreads(), server.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(server.workerQueueSize()), new WorkerThreadFactory());
        metrics.registerWorkerPool(registry, workers);
        this.sql = sqlService(new BackendTableSource(backend));
        this.writeWarmUp = new WriteApiWarmUp(backendFactory, config, allocator, slot -> Router.builder()
                .post("/api/v1/write", ApiFlavour.PROMETHEUS_REMOTE_WRITE, new PushHandler(IngestProtocol.REMOTE_WRITE,
                        new IngestGateway(slot, new ServerMetrics(new PrometheusRegistry())), tenants))
                .build(), workers, Path.of(System.getProperty("java.io.tmpdir")), server.writeWarmUp(), InstantSource.system(),
                nanoTime);
        RequestProcessor processor = new RequestProcessor(routes(gateway, tenants), metrics, server.requestTimeout(),
                nanoTime);
        this.http = new HttpServer(server, processor, workers);
        this.grpc = new OtlpGrpcServer(server, new OtlpGrpcServices(gateway, tenants, metrics, nanoTime).services(),
                workers);
    }

    private SqlQueryService sqlService(TableSource source) {
        return new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, InstantSource.system(), ExecutorConfig.DEFAULT.withWorkers(queryWorkers)),
                new SqlConfig(config.sql().planCacheSize()), List.of(promQlInSql(config.promql())));
    }

    /** The calling thread's CPU time, or {@code fallback} where the JVM cannot measure it. */
    private static LongSupplier threadCpuTime(LongSupplier fallback) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime : fallback;
    }

    /** PromQL as the SQL table function {@code promql(query, start, end, step)}, with the API's lookback and sample limit. */
    private static PromQlLanguage promQlInSql(PromQlApiConfig promql) {
        return new PromQlLanguage(new PromQlParser(promql.parserOptions()), new PromQlEngine.Settings(promql.lookbackDelta().toMillis(),
                PromQlEngine.Settings.DEFAULT.defaultSubqueryStepMs(), promql.maxSamples()));
    }

    private Router routes(IngestGateway gateway, Tenants tenants) {
        ReadyHandler ready = new ReadyHandler(backend);
        OtlpHttpHandler otlpTraces = new OtlpHttpHandler(IngestProtocol.OTLP_TRACES, gateway, tenants);
        OtlpHttpHandler otlpLogs = new OtlpHttpHandler(IngestProtocol.OTLP_LOGS, gateway, tenants);
        OtlpHttpHandler otlpMetrics = new OtlpHttpHandler(IngestProtocol.OTLP_METRICS, gateway, tenants);
        PromQlParser parser = new PromQlParser(config.promql().parserOptions());
        StaticApiHandlers prometheus = new StaticApiHandlers(parser);
        SqlHandler sqlHandler = new SqlHandler(sql, backend, tenants, config.sql().limits());
        Router.Builder router = Router.builder();
        queryRoutes(router, backend, tenants);
        getAndPost(router, "/api/v1/query_exemplars", prometheus::exemplars);
        router.get("/api/v1/status/buildinfo", ApiFlavour.PROMETHEUS, prometheus::buildInfo);
        router.get("/api/v1/rules", ApiFlavour.PROMETHEUS, prometheus::rules);
        router.get("/api/v1/alerts", ApiFlavour.PROMETHEUS, prometheus::alerts);
        getAndPost(router, "/api/v1/format_query", prometheus::formatQuery);
        getAndPost(router, "/api/v1/parse_query", prometheus::parseQuery);
        getAndPost(router, "/api/v1/sql", sqlHandler::handle);
        // /api/v1/status/flags stays unrouted (404): Grafana takes any answer there for Thanos
        return router
                .get("/ready", ApiFlavour.PLAIN, ready)
                .get("/-/ready", ApiFlavour.PLAIN, ready)
                .post("/flush", ApiFlavour.PLAIN, new FlushHandler(backend))
                .get("/metrics", ApiFlavour.PLAIN, new MetricsHandler(registry))
                .post("/api/v1/write", ApiFlavour.PROMETHEUS_REMOTE_WRITE, new PushHandler(IngestProtocol.REMOTE_WRITE, gateway, tenants))
                .post("/loki/api/v1/push", ApiFlavour.LOKI, new PushHandler(IngestProtocol.LOKI_PUSH, gateway, tenants))
                .post("/v1/traces", ApiFlavour.OTLP, otlpTraces)
                .post("/v1/logs", ApiFlavour.OTLP, otlpLogs)
                .post("/v1/metrics", ApiFlavour.OTLP, otlpMetrics)
                // the paths Loki and Prometheus serve OTLP under, used by agents configured for them
                .post("/otlp/v1/logs", ApiFlavour.OTLP, otlpLogs)
                .post("/api/v1/otlp/v1/metrics", ApiFlavour.OTLP, otlpMetrics)
                .build();
    }

    /** The Prometheus API's store-reading routes over {@code slot}: the serving backend's, or the warm-up's. */
    private void queryRoutes(Router.Builder router, BackendSlot slot, Tenants tenants) {
        PromQlParser parser = new PromQlParser(config.promql().parserOptions());
        SeriesMetadataHandlers lookups = new SeriesMetadataHandlers(slot, tenants, parser);
        // Prometheus accepts form POSTs wherever it accepts GET, except label values, metadata and status
        getAndPost(router, "/api/v1/labels", lookups::labels);
        router.get("/api/v1/label/{name}/values", ApiFlavour.PROMETHEUS, lookups::labelValues);
        getAndPost(router, "/api/v1/series", lookups::series);
        router.get("/api/v1/metadata", ApiFlavour.PROMETHEUS, lookups::metadata);
        QueryHandlers queries = new QueryHandlers(new BackendTableSource(slot), slot, tenants, parser, allocator,
                config.promql(), InstantSource.system(), queryWorkers);
        getAndPost(router, "/api/v1/query", queries::instant);
        getAndPost(router, "/api/v1/query_range", queries::range);
    }

    private static void getAndPost(Router.Builder router, String path, HttpHandler handler) {
        router.get(path, ApiFlavour.PROMETHEUS, handler);
        router.post(path, ApiFlavour.PROMETHEUS, handler);
    }

    /** Binds every listener; requests are answered (ingest with 503) before the store is open. */
    public void startListeners() {
        try {
            http.start();
            grpc.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("strata listening [http_ports={}, otlp_grpc_port={}, data_dir={}]", httpPorts(), otlpGrpcPort(),
                config.dataDir());
    }

    /** Opens the store and ingest service; from then on the server is ready. */
    public void openBackend() {
        Backend opened = backendFactory.open(config, allocator, registry);
        // before /ready, not beside the first writes (see warmUpSql); the three warm-ups run side by side
        long queryApiStarted = nanoTime.getAsLong();
        Thread writes = startWriteWarmUp(opened);
        Future<?> queryApi = startQueryApiWarmUp(opened);
        warmUpSql(opened.store());
        awaitQueryApiWarmUp(queryApi, queryApiStarted);
        awaitWriteWarmUp(writes, queryApiStarted);
        try {
            backend.ready(opened);
        } catch (IllegalStateException e) {
            opened.close(); // shutdown began while the store opened
            throw e;
        }
        LOG.info("strata ready [data_dir={}]", config.dataDir());
    }

    /**
     * Starts the Prometheus query API's warm-up ({@link QueryApiWarmUp}: a throw-away store, never
     * users' data) on a worker; null when the pool refuses it (shutting down).
     */
    private Future<?> startQueryApiWarmUp(Backend serving) {
        try {
            return workers.submit(() -> warmUpQueryApi(serving));
        } catch (RejectedExecutionException e) {
            LOG.warn("promql warm-up skipped [reason={}]", e.toString());
            warmUpResult.complete(WarmUpResult.skipped("shutting down"));
            return null;
        }
    }

    /**
     * Waits for the query API's warm-up at most its request budget plus {@link #QUERY_API_WARM_UP_SETUP_WAIT}
     * for the throw-away store's setup; past that the server becomes ready and the warm-up's
     * requests, bounded by their budget, finish on the worker.
     */
    private void awaitQueryApiWarmUp(Future<?> queryApi, long startedNanos) {
        if (queryApi == null) {
            return;
        }
        // counted from its start: the SQL warm-up's wait ran meanwhile
        Duration wait = config.promql().warmUp().plus(QUERY_API_WARM_UP_SETUP_WAIT);
        long left = Math.max(0, wait.toNanos() - (nanoTime.getAsLong() - startedNanos));
        try {
            queryApi.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("promql warm-up still running, ready anyway [waited={}]", wait);
        } catch (ExecutionException e) {
            LOG.warn("promql warm-up failed [reason={}]", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The Prometheus query API against a throw-away store, bounded by {@code promql.warm-up}. */
    private void warmUpQueryApi(Backend serving) {
        try {
            warmUpResult.complete(warmUp.run(serving.store()));
        } catch (RuntimeException e) {
            // a slower first query is no reason to refuse service
            LOG.warn("promql warm-up failed [reason={}]", e.toString());
            warmUpResult.completeExceptionally(e);
        }
    }

    /**
     * Starts the write path's warm-up ({@link WriteApiWarmUp}: remote-write requests through a
     * loopback listener into a throw-away store, never users' data) on its own thread, not a
     * worker: the requests it sends are served by the workers, which a small pool must not lack.
     */
    private Thread startWriteWarmUp(Backend serving) {
        Thread thread = new Thread(() -> {
            try {
                writeWarmUpResult.complete(writeWarmUp.run(serving.store()));
            } catch (RuntimeException e) {
                // slower first writes are no reason to refuse service
                LOG.warn("write warm-up failed [reason={}]", e.toString());
                writeWarmUpResult.completeExceptionally(e);
            }
        }, "strata-write-warm-up");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Waits for the write warm-up at most its budget (which bounds it from its start) plus a second
     * for its last answer and teardown; past that the server becomes ready and the warm-up stops
     * before its next request.
     */
    private void awaitWriteWarmUp(Thread writes, long startedNanos) {
        long left = Math.max(0, config.server().writeWarmUp().plusSeconds(1).toNanos() - (nanoTime.getAsLong() - startedNanos));
        try {
            writes.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writes.isAlive()) {
            LOG.warn("write warm-up still running, ready anyway [waited={}]", config.server().writeWarmUp());
        }
    }

    /** Completes when the write path's warm-up has run (or was skipped); for tests. */
    CompletableFuture<WarmUpResult> writeWarmUp() {
        return writeWarmUpResult;
    }

    /** Completes when the query API's warm-up has run (or was skipped); for tests. */
    CompletableFuture<WarmUpResult> queryApiWarmUp() {
        return warmUpResult;
    }

    /**
     * Plans and runs a few queries so the first user query does not pay Calcite's start-up cost
     * (class loading and JIT are shared by every service instance). It runs before the server is
     * ready, not beside the first writes: measured, the two competing for the 2 cores and the JIT
     * cost the first 7.2 M remote-write samples ~2 CPU-s more. Bounded: past
     * {@link #SQL_WARM_UP_WAIT} the server becomes ready while the warm-up finishes on its worker.
     */
    private void warmUpSql(TableSource store) {
        SqlQueryService warmUp = sqlService(store);
        Future<?> done;
        try {
            done = workers.submit(() -> {
                try {
                    warmUp.warmUp();
                } catch (RuntimeException e) {
                    // a slower first query is no reason to refuse service; shutdown during warm-up ends here too
                    LOG.warn("sql warm-up failed [reason={}]", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("sql warm-up skipped [reason={}]", e.toString());
            return;
        }
        try {
            done.get(SQL_WARM_UP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("sql warm-up still running, ready anyway [waited={}]", SQL_WARM_UP_WAIT);
        } catch (ExecutionException e) {
            LOG.warn("sql warm-up failed [reason={}]", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Integer> httpPorts() {
        return http.boundPorts();
    }

    public int otlpGrpcPort() {
        return grpc.port();
    }

    public boolean isReady() {
        return backend.isReady();
    }

    /** The shutdown sequence; idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Duration grace = config.server().shutdownGracePeriod();
        LOG.info("shutdown started [grace_period={}]", grace);
        Optional<Backend> toClose = backend.closing();
        http.stopAccepting();
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(grace)) {
                LOG.warn("shutdown cancelled OTLP/gRPC calls still running after grace period");
            }
            workers.shutdown();
            if (!workers.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("shutdown interrupted requests still running after grace period [running={}]",
                        workers.getActiveCount());
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
        http.close(grace);
        queryWorkers.close();
        toClose.ifPresent(Backend::close);
        LOG.info("shutdown complete");
    }

    private static final class WorkerThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "strata-worker-" + next.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        }
    }
}
