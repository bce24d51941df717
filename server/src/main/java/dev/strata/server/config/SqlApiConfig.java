package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.QueryLimits;
import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Duration;

/**
 * The SQL console API ({@code /api/v1/sql}): what one query may use, and how many plans are kept.
 *
 * @param timeout wall time a query may run
 * @param maxRows most rows a result may have
 * @param maxMemoryBytes most Arrow memory one query may hold at once
 * @param planCacheSize most (tenant, text) plans kept; 0 disables the cache
 */
public record SqlApiConfig(Duration timeout, long maxRows, long maxMemoryBytes, int planCacheSize) {
    public static final String TIMEOUT = "sql.timeout";
    public static final String MAX_ROWS = "sql.max-rows";
    public static final String MAX_MEMORY_BYTES = "sql.max-memory-bytes";
    public static final String PLAN_CACHE_SIZE = "sql.plan-cache-size";

    public SqlApiConfig {
        requireNonNull(timeout, "timeout is null");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + TIMEOUT + "=" + timeout + ": must be positive");
        }
    }

    /** Reads the {@code sql.*} keys, defaulting every absent one. */
    public static SqlApiConfig from(ConfigProperties properties) {
        return new SqlApiConfig(
                properties.duration(TIMEOUT, Duration.ofSeconds(60)),
                properties.integer(MAX_ROWS, 1_000_000, 1, Integer.MAX_VALUE),
                properties.bytes(MAX_MEMORY_BYTES, 512L << 20, 1 << 20, Long.MAX_VALUE),
                properties.integer(PLAN_CACHE_SIZE, 1024, 0, 1 << 20));
    }

    /** The engine's limits for one query. */
    public QueryLimits limits() {
        return new QueryLimits(timeout, maxRows, maxMemoryBytes);
    }
}
