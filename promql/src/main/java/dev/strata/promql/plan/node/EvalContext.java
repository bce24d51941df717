package dev.strata.promql.plan.node;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.TableSource;
import org.apache.arrow.memory.BufferAllocator;

/** What operators need at run time: the store, the tenant, the query's allocator and sample limit. */
public record EvalContext(TableSource source, String tenant, BufferAllocator allocator, long maxSamples) {
    public EvalContext {
        requireNonNull(source, "source is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(allocator, "allocator is null");
    }
}
