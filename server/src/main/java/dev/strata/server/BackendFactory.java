package dev.strata.server;

import dev.strata.server.config.StrataConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Opens the store and the ingest service: the seam between the server and the storage engine, so
 * that tests run the real server over hand-written fakes. Opening may take long (WAL replay); the
 * server answers {@code /ready} with 503 meanwhile.
 */
@FunctionalInterface
public interface BackendFactory {
    /**
     * @param allocator the process's root allocator (children for scans and heads come from it)
     * @param registry the process's metric registry, for the store's own metrics
     */
    Backend open(StrataConfig config, BufferAllocator allocator, PrometheusRegistry registry);
}
