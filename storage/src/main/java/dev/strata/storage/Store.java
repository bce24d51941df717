package dev.strata.storage;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.TableSource;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.TelemetryWriter;
import java.util.List;

/**
 * The whole store as the server holds it: the write side for ingest, the scan side for the
 * engine, and its lifecycle. Thread-safe.
 */
public interface Store extends TelemetryWriter, TableSource, AutoCloseable {
    /** Label sets (series) of a tenant that every matcher accepts and that have samples in the range. */
    default List<Labels> series(String tenant, List<LabelMatcher> matchers, TimeRange range) {
        return List.of();
    }

    /** Label names of a tenant's series matching the matchers, sorted. */
    default List<String> labelNames(String tenant, List<LabelMatcher> matchers, TimeRange range) {
        return List.of();
    }

    /** Values of one label over a tenant's series matching the matchers, sorted. */
    default List<String> labelValues(String tenant, String name, List<LabelMatcher> matchers, TimeRange range) {
        return List.of();
    }

    /** Metric-family metadata a tenant's writers sent (remote_write, OTLP), sorted by family name. */
    default List<MetricMetadata> metricMetadata(String tenant) {
        return List.of();
    }

    /** Seals every head into Parquet parts and commits them to the manifest; returns when durable. */
    void flush();

    /** Flushes, stops background jobs and releases every resource; nothing acknowledged is lost. */
    @Override
    void close();
}
