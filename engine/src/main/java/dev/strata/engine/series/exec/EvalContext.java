package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.TableSource;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What operators need at run time: the store, the tenant, the query's allocator and sample limit,
 * and where they report annotations.
 */
public record EvalContext(TableSource source, String tenant, BufferAllocator allocator, long maxSamples, Annotations annotations) {
    public EvalContext {
        requireNonNull(source, "source is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(annotations, "annotations is null");
    }
}
