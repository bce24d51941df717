package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.wal.WalListener;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The store's self-metrics, registered into the registry it is given: WAL, head, parts, the
 * background jobs and rows written. Gauges read the store through {@link Gauges} at scrape time.
 * Thread-safe.
 */
final class StorageMetrics implements WalListener {
    /** What the gauges read at scrape time. */
    interface Gauges {
        long headRows(String table);

        /** Label sets known for a table: series for samples, streams for logs. */
        long labelSets(String table);

        long parts(String table);

        long partBytes(String table);
    }

    private final Histogram walFsync;
    private final Counter walBytes;
    private final Counter walRecords;
    private final Counter rowsWritten;
    private final Counter rowsRejected;
    private final Counter jobRuns;
    private final Histogram jobDuration;

    StorageMetrics(PrometheusRegistry registry, Gauges gauges) {
        requireNonNull(registry, "registry is null");
        requireNonNull(gauges, "gauges is null");
        walFsync = Histogram.builder().name("strata_wal_fsync_duration_seconds").help("WAL fsync latency")
                .unit(Unit.SECONDS).classicOnly()
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
                .register(registry);
        walBytes = Counter.builder().name("strata_wal_written_bytes_total").help("Bytes appended to the WAL").register(registry);
        walRecords = Counter.builder().name("strata_wal_records_total").help("Records appended to the WAL").register(registry);
        rowsWritten = Counter.builder().name("strata_storage_rows_written_total").help("Rows accepted by the store")
                .labelNames("table", "tenant").register(registry);
        rowsRejected = Counter.builder().name("strata_storage_rows_rejected_total").help("Rows refused by the store (outside retention)")
                .labelNames("table", "tenant").register(registry);
        jobRuns = Counter.builder().name("strata_storage_job_runs_total").help("Runs of flush, compaction and retention")
                .labelNames("job", "result").register(registry);
        jobDuration = Histogram.builder().name("strata_storage_job_duration_seconds").help("Duration of flush, compaction and retention runs")
                .unit(Unit.SECONDS).classicOnly().classicUpperBounds(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300)
                .labelNames("job").register(registry);
        GaugeWithCallback.builder().name("strata_head_rows").help("Rows in the head, not yet sealed into parts")
                .labelNames("table")
                .callback(cb -> {
                    for (String table : TelemetryTables.ALL) {
                        if (!table.equals(TelemetryTables.SERIES)) {
                            cb.call(gauges.headRows(table), table);
                        }
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("strata_head_series").help("Series (samples) and streams (logs) known to the store, all tenants")
                .labelNames("table")
                .callback(cb -> {
                    cb.call(gauges.labelSets(TelemetryTables.SAMPLES), TelemetryTables.SAMPLES);
                    cb.call(gauges.labelSets(TelemetryTables.LOGS), TelemetryTables.LOGS);
                })
                .register(registry);
        GaugeWithCallback.builder().name("strata_parts").help("Live parts per table").labelNames("table")
                .callback(cb -> {
                    for (String table : TelemetryTables.ALL) {
                        cb.call(gauges.parts(table), table);
                    }
                })
                .register(registry);
        GaugeWithCallback.builder().name("strata_part_bytes").help("Bytes of live parts per table").labelNames("table")
                .unit(Unit.BYTES)
                .callback(cb -> {
                    for (String table : TelemetryTables.ALL) {
                        cb.call(gauges.partBytes(table), table);
                    }
                })
                .register(registry);
    }

    @Override
    public void written(long bytes, int records) {
        walBytes.inc(bytes);
        walRecords.inc(records);
    }

    @Override
    public void synced(long nanos) {
        walFsync.observe(nanos / 1e9);
    }

    void rowsWritten(String table, String tenant, long accepted, long rejected) {
        if (accepted > 0) {
            rowsWritten.labelValues(table, tenant).inc(accepted);
        }
        if (rejected > 0) {
            rowsRejected.labelValues(table, tenant).inc(rejected);
        }
    }

    void jobRun(String job, boolean success, long nanos) {
        jobRuns.labelValues(job, success ? "success" : "failure").inc();
        jobDuration.labelValues(job).observe(nanos / 1e9);
    }
}
