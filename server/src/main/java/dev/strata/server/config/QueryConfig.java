package dev.strata.server.config;

/**
 * How queries of every language run ({@code query.*} keys).
 *
 * @param threads most threads one query spreads its scans over (its own included); the server
 *     keeps one pool of {@code threads - 1} for all queries
 */
public record QueryConfig(int threads) {
    public static final String THREADS = "query.threads";

    public QueryConfig {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
    }

    /** Reads the {@code query.*} keys; {@code query.threads} defaults to the processors the JVM sees. */
    public static QueryConfig from(ConfigProperties properties) {
        return new QueryConfig(properties.integer(THREADS, Runtime.getRuntime().availableProcessors(), 1, 1024));
    }
}
