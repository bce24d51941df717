package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

/**
 * Settings of the query executor.
 *
 * @param batchRows rows per batch that operators building their own batches produce
 * @param workers the threads that read a query's splits in parallel, owned (and closed) by whoever
 *     created them, usually the server
 */
public record ExecutorConfig(int batchRows, QueryWorkerPool workers) {
    /** 4096-row batches, one thread per query. */
    public static final ExecutorConfig DEFAULT = new ExecutorConfig(4096);

    public ExecutorConfig {
        if (batchRows <= 0) {
            throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
        }
        requireNonNull(workers, "workers is null");
    }

    /** One thread per query. */
    public ExecutorConfig(int batchRows) {
        this(batchRows, QueryWorkerPool.SEQUENTIAL);
    }

    public ExecutorConfig withWorkers(QueryWorkerPool newWorkers) {
        return new ExecutorConfig(batchRows, newWorkers);
    }
}
