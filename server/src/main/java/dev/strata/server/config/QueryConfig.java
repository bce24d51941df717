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

    /** Every key at its default: {@code query.threads} is the processors the JVM sees. */
    public static QueryConfig defaults() {
        return new QueryConfig(Runtime.getRuntime().availableProcessors());
    }

    /** Reads the {@code query.*} keys, defaulting every absent one. */
    public static QueryConfig from(ConfigProperties properties) {
        return new QueryConfig(properties.integer(THREADS, defaults().threads(), 1, 1024));
    }
}
