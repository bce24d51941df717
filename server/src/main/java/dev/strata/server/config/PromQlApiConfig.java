package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.parse.ParserOptions;
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
 * @param experimentalFunctions Prometheus's {@code --enable-feature=promql-experimental-functions}:
 *     the parser accepts the functions and aggregations Prometheus marks experimental
 *     ({@code limitk}, {@code limit_ratio}, {@code sort_by_label}, ...); off by default, as there
 * @param warmUp how long the query API is warmed up after start against a throw-away store
 *     ({@code dev.strata.server.warmup}); zero disables it
 */
public record PromQlApiConfig(Duration timeout, int maxSamples, Duration lookbackDelta, boolean experimentalFunctions, Duration warmUp) {
    public static final String TIMEOUT = "promql.timeout";
    public static final String MAX_SAMPLES = "promql.max-samples";
    public static final String LOOKBACK_DELTA = "promql.lookback-delta";
    public static final String EXPERIMENTAL_FUNCTIONS = "promql.experimental-functions";
    public static final String WARM_UP = "promql.warm-up";
    public static final Duration DEFAULT_WARM_UP = Duration.ofSeconds(2);

    public PromQlApiConfig {
        requireNonNull(timeout, "timeout is null");
        requireNonNull(lookbackDelta, "lookbackDelta is null");
        requirePositive(TIMEOUT, timeout);
        requirePositive(LOOKBACK_DELTA, lookbackDelta);
        requireNonNull(warmUp, "warmUp is null");
        if (warmUp.isNegative()) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + WARM_UP + "=" + warmUp + ": must not be negative");
        }
    }

    /** With the default warm-up. */
    public PromQlApiConfig(Duration timeout, int maxSamples, Duration lookbackDelta, boolean experimentalFunctions) {
        this(timeout, maxSamples, lookbackDelta, experimentalFunctions, DEFAULT_WARM_UP);
    }

    /** Without experimental functions, as Prometheus starts. */
    public PromQlApiConfig(Duration timeout, int maxSamples, Duration lookbackDelta) {
        this(timeout, maxSamples, lookbackDelta, false);
    }

    /** Reads the {@code promql.*} keys, defaulting every absent one. */
    public static PromQlApiConfig from(ConfigProperties properties) {
        String experimental = properties.string(EXPERIMENTAL_FUNCTIONS, "false");
        if (!experimental.equals("true") && !experimental.equals("false")) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + EXPERIMENTAL_FUNCTIONS + "=" + experimental + ": must be true or false");
        }
        return new PromQlApiConfig(
                properties.duration(TIMEOUT, Duration.ofMinutes(2)),
                properties.integer(MAX_SAMPLES, 50_000_000, 1, Integer.MAX_VALUE),
                properties.duration(LOOKBACK_DELTA, Duration.ofMinutes(5)),
                Boolean.parseBoolean(experimental),
                properties.duration(WARM_UP, DEFAULT_WARM_UP));
    }

    /** The parser flags these settings imply (only experimental functions is configurable). */
    public ParserOptions parserOptions() {
        return experimentalFunctions ? new ParserOptions(true, false, false, false) : ParserOptions.DEFAULT;
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + key + "=" + value + ": must be positive");
        }
    }
}
