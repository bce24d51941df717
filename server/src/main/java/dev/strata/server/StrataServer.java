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
import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import java.time.InstantSource;
import dev.strata.server.metrics.ServerMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
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

    public StrataServer(StrataConfig config, BackendFactory backendFactory, BufferAllocator allocator,
            PrometheusRegistry registry, LongSupplier nanoTime) {
        this.config = requireNonNull(config, "config is null");
        this.backendFactory = requireNonNull(backendFactory, "backendFactory is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.registry = requireNonNull(registry, "registry is null");
        requireNonNull(nanoTime, "nanoTime is null");
        ServerConfig server = config.server();
        ServerMetrics metrics = new ServerMetrics(registry);
        JvmMetrics.builder().register(registry);
        IngestGateway gateway = new IngestGateway(backend, metrics);
        Tenants tenants = new Tenants(server.defaultTenant());
        this.workers = new ThreadPoolExecutor(server.workerThreads(), server.workerThreads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(server.workerQueueSize()), new WorkerThreadFactory());
        metrics.registerWorkerPool(registry, workers);
        this.queryWorkers = QueryWorkerPool.create(config.query().threads());
        this.sql = new SqlQueryService(new BackendTableSource(backend), new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, InstantSource.system(), ExecutorConfig.DEFAULT.withWorkers(queryWorkers)),
                new SqlConfig(config.sql().planCacheSize()), List.of(promQlInSql(config.promql())));
        RequestProcessor processor = new RequestProcessor(routes(gateway, tenants), metrics, server.requestTimeout(),
                nanoTime);
        this.http = new HttpServer(server, processor, workers);
        this.grpc = new OtlpGrpcServer(server, new OtlpGrpcServices(gateway, tenants, metrics, nanoTime).services(),
                workers);
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
        SeriesMetadataHandlers lookups = new SeriesMetadataHandlers(backend, tenants, parser);
        StaticApiHandlers prometheus = new StaticApiHandlers(parser);
        SqlHandler sqlHandler = new SqlHandler(sql, backend, tenants, config.sql().limits());
        Router.Builder router = Router.builder();
        // Prometheus accepts form POSTs wherever it accepts GET, except label values, metadata and status
        getAndPost(router, "/api/v1/labels", lookups::labels);
        router.get("/api/v1/label/{name}/values", ApiFlavour.PROMETHEUS, lookups::labelValues);
        getAndPost(router, "/api/v1/series", lookups::series);
        router.get("/api/v1/metadata", ApiFlavour.PROMETHEUS, lookups::metadata);
        getAndPost(router, "/api/v1/query_exemplars", prometheus::exemplars);
        router.get("/api/v1/status/buildinfo", ApiFlavour.PROMETHEUS, prometheus::buildInfo);
        router.get("/api/v1/rules", ApiFlavour.PROMETHEUS, prometheus::rules);
        router.get("/api/v1/alerts", ApiFlavour.PROMETHEUS, prometheus::alerts);
        getAndPost(router, "/api/v1/format_query", prometheus::formatQuery);
        getAndPost(router, "/api/v1/parse_query", prometheus::parseQuery);
        getAndPost(router, "/api/v1/sql", sqlHandler::handle);
        QueryHandlers queries = new QueryHandlers(new BackendTableSource(backend), backend, tenants, parser, allocator,
                config.promql(), InstantSource.system(), queryWorkers);
        getAndPost(router, "/api/v1/query", queries::instant);
        getAndPost(router, "/api/v1/query_range", queries::range);
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
        try {
            backend.ready(opened);
        } catch (IllegalStateException e) {
            opened.close(); // shutdown began while the store opened
            throw e;
        }
        LOG.info("strata ready [data_dir={}]", config.dataDir());
        try {
            // in the background: on a busy machine Calcite's first plans take seconds, and /ready is already 200
            workers.execute(this::warmUpSql);
        } catch (RejectedExecutionException e) {
            LOG.warn("sql warm-up skipped [reason={}]", e.toString());
        }
    }

    /** Plans and runs a few queries so the first user query does not pay Calcite's start-up cost. */
    private void warmUpSql() {
        try {
            sql.warmUp();
        } catch (RuntimeException e) {
            // a slower first query is no reason to refuse service; shutdown during warm-up ends here too
            LOG.warn("sql warm-up failed [reason={}]", e.toString());
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
