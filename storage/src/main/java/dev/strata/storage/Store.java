package dev.strata.storage;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.TableSource;
import dev.strata.storage.index.LabelLookup;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.TelemetryWriter;
import java.util.List;

/**
 * The whole store as the server holds it: the write side for ingest, the scan side for the
 * engine, label lookups and metric metadata for the query APIs, and its lifecycle. Thread-safe.
 */
public interface Store extends TelemetryWriter, TableSource, LabelLookup, AutoCloseable {
    /** None by default; {@link ColumnStore} answers from its index. */
    @Override
    default List<String> labelNames(String tenant, String table, List<LabelMatcher> matchers, TimeRange range) {
        return List.of();
    }

    @Override
    default List<String> labelValues(String tenant, String table, String name, List<LabelMatcher> matchers, TimeRange range) {
        return List.of();
    }

    @Override
    default List<Labels> labelSets(String tenant, String table, List<LabelMatcher> matchers, TimeRange range) {
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

    /**
     * Stops background jobs and releases every resource without sealing the heads: for a throw-away
     * store whose directory is deleted next (the server's start-up warm-ups), where a final seal
     * would only cost CPU. What was written stays in the WAL alone. By default the same as
     * {@link #close}.
     */
    default void discard() {
        close();
    }
}
