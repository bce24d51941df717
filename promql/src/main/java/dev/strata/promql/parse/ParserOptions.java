package dev.strata.promql.parse;

/**
 * Prometheus's parser feature flags. Prometheus 3.x enables none of them by default; its own test
 * scripts ({@code promqltest}) enable all of them.
 *
 * @param experimentalFunctions {@code --enable-feature=promql-experimental-functions}: functions and
 *     aggregations marked experimental ({@code limitk}, {@code sort_by_label}, {@code info}, ...)
 * @param durationExpressions {@code promql-duration-expr}: arithmetic and {@code step()} in ranges and offsets
 * @param extendedRangeSelectors {@code anchored} and {@code smoothed} modifiers
 * @param binopFillModifiers {@code fill}, {@code fill_left}, {@code fill_right} on binary operators
 */
public record ParserOptions(boolean experimentalFunctions, boolean durationExpressions, boolean extendedRangeSelectors, boolean binopFillModifiers) {
    /** Prometheus's defaults: no experimental syntax. */
    public static final ParserOptions DEFAULT = new ParserOptions(false, false, false, false);
    /** Everything enabled, as in Prometheus's test scripts. */
    public static final ParserOptions ALL_FEATURES = new ParserOptions(true, true, true, true);
}
