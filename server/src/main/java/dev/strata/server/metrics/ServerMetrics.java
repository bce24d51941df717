package dev.strata.server.metrics;

import static java.util.Objects.requireNonNull;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The server's own metrics, registered once in the process registry: requests and their latency
 * per endpoint and status (HTTP and gRPC alike), and rows accepted and rejected per ingest
 * protocol and tenant. Thread-safe.
 */
public final class ServerMetrics {
    private final Counter requests;
    private final Histogram requestDuration;
    private final Counter rowsAccepted;
    private final Counter rowsRejected;
    private final Counter requestsRejected;

    public ServerMetrics(PrometheusRegistry registry) {
        requireNonNull(registry, "registry is null");
        requests = Counter.builder()
                .name("strata_http_requests_total")
                .help("Requests served, by endpoint (route pattern or gRPC method) and status code.")
                .labelNames("endpoint", "status")
                .register(registry);
        requestDuration = Histogram.builder()
                .name("strata_http_request_duration_seconds")
                .help("Time from a complete request to its response, by endpoint and status code.")
                .unit(Unit.SECONDS)
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30)
                .classicOnly()
                .labelNames("endpoint", "status")
                .register(registry);
        rowsAccepted = Counter.builder()
                .name("strata_ingest_rows_accepted_total")
                .help("Samples, log lines or spans written durably, by protocol and tenant.")
                .labelNames("protocol", "tenant")
                .register(registry);
        rowsRejected = Counter.builder()
                .name("strata_ingest_rows_rejected_total")
                .help("Rows dropped individually while the rest of their batch was kept, by protocol and tenant.")
                .labelNames("protocol", "tenant")
                .register(registry);
        requestsRejected = Counter.builder()
                .name("strata_ingest_requests_rejected_total")
                .help("Ingest requests refused as a whole, by protocol, tenant and error code name.")
                .labelNames("protocol", "tenant", "reason")
                .register(registry);
    }

    /** Exposes the worker pool's queue length and busy threads (saturation shows before 503s do). */
    public void registerWorkerPool(PrometheusRegistry registry, ThreadPoolExecutor workers) {
        GaugeWithCallback.builder()
                .name("strata_worker_queue_length")
                .help("Requests waiting for a worker thread.")
                .callback(callback -> callback.call(workers.getQueue().size()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("strata_worker_active_threads")
                .help("Worker threads serving a request.")
                .callback(callback -> callback.call(workers.getActiveCount()))
                .register(registry);
    }

    public void requestCompleted(String endpoint, int status, long durationNanos) {
        requestCompleted(endpoint, Integer.toString(status), durationNanos);
    }

    /** As {@link #requestCompleted(String, int, long)} with a status name (gRPC codes: {@code OK}, ...). */
    public void requestCompleted(String endpoint, String statusLabel, long durationNanos) {
        requests.labelValues(endpoint, statusLabel).inc();
        requestDuration.labelValues(endpoint, statusLabel).observe(durationNanos / 1e9);
    }

    public void rowsIngested(String protocol, String tenant, long accepted, long rejected) {
        rowsAccepted.labelValues(protocol, tenant).inc(accepted);
        if (rejected > 0) {
            rowsRejected.labelValues(protocol, tenant).inc(rejected);
        }
    }

    public void ingestRejected(String protocol, String tenant, String reason) {
        requestsRejected.labelValues(protocol, tenant, reason).inc();
    }
}
