package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * What one query may use.
 *
 * @param timeout wall time from the start of execution
 * @param maxRows most rows a result may have
 * @param maxMemoryBytes most bytes of Arrow memory the query may hold at once
 */
public record QueryLimits(Duration timeout, long maxRows, long maxMemoryBytes) {
    public static final QueryLimits DEFAULT = new QueryLimits(Duration.ofSeconds(60), 1_000_000, 512L * 1024 * 1024);

    public QueryLimits {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxRows < 0 || maxMemoryBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive: rows=" + maxRows + " memory=" + maxMemoryBytes);
        }
    }

    public QueryLimits withTimeout(Duration newTimeout) {
        return new QueryLimits(newTimeout, maxRows, maxMemoryBytes);
    }

    public QueryLimits withMaxRows(long newMaxRows) {
        return new QueryLimits(timeout, newMaxRows, maxMemoryBytes);
    }

    public QueryLimits withMaxMemoryBytes(long newMaxMemoryBytes) {
        return new QueryLimits(timeout, maxRows, newMaxMemoryBytes);
    }
}
