package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Duration;

/**
 * The PromQL query API ({@code /api/v1/query}, {@code /api/v1/query_range}): what one query may use.
 * The defaults are Prometheus's ({@code --query.timeout}, {@code --query.max-samples},
 * {@code --query.lookback-delta}).
 *
 * @param timeout wall time a query may run; a request's {@code timeout} can only shorten it
 * @param maxSamples most samples one query may load into memory
 * @param lookbackDelta how far back an instant selector looks, unless the request's {@code lookback_delta} says otherwise
 */
public record PromQlApiConfig(Duration timeout, int maxSamples, Duration lookbackDelta) {
    public static final String TIMEOUT = "promql.timeout";
    public static final String MAX_SAMPLES = "promql.max-samples";
    public static final String LOOKBACK_DELTA = "promql.lookback-delta";

    public PromQlApiConfig {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(lookbackDelta, "lookbackDelta is null");
        requirePositive(TIMEOUT, timeout);
        requirePositive(LOOKBACK_DELTA, lookbackDelta);
    }

    /** Reads the {@code promql.*} keys, defaulting every absent one. */
    public static PromQlApiConfig from(ConfigProperties properties) {
        return new PromQlApiConfig(
                properties.duration(TIMEOUT, Duration.ofMinutes(2)),
                properties.integer(MAX_SAMPLES, 50_000_000, 1, Integer.MAX_VALUE),
                properties.duration(LOOKBACK_DELTA, Duration.ofMinutes(5)));
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + key + "=" + value + ": must be positive");
        }
    }
}
