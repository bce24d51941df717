package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.spi.scan.TableSource;
import org.apache.arrow.memory.BufferAllocator;

/**
 * What operators need at run time: the store, the tenant, the query's allocator and sample limit,
 * where they report annotations, and the threads a samples scan may spread its splits over.
 */
public record EvalContext(TableSource source, String tenant, BufferAllocator allocator, long maxSamples, Annotations annotations,
        QueryWorkerPool workers) {
    public EvalContext {
        requireNonNull(source, "source is null");
        requireNonNull(tenant, "tenant is null");
        requireNonNull(allocator, "allocator is null");
        requireNonNull(annotations, "annotations is null");
        requireNonNull(workers, "workers is null");
    }

    /** One thread per query. */
    public EvalContext(TableSource source, String tenant, BufferAllocator allocator, long maxSamples, Annotations annotations) {
        this(source, tenant, allocator, maxSamples, annotations, QueryWorkerPool.SEQUENTIAL);
    }
}
