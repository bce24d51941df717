package dev.strata.engine.exec;

/**
 * Settings of the query executor.
 *
 * @param batchRows rows per batch that operators building their own batches produce
 */
public record ExecutorConfig(int batchRows) {
    public static final ExecutorConfig DEFAULT = new ExecutorConfig(4096);

    public ExecutorConfig {
        if (batchRows <= 0) {
            throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
        }
    }
}
