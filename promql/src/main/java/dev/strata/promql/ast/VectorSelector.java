package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m}.
 *
 * @param name the metric name written before the braces, or "" when the name is only a matcher
 *     (then a {@code __name__} matcher may carry it); a name written before the braces is also the
 *     last entry of {@code matchers}, as in Prometheus
 * @param offset the literal offset, {@link Duration#ZERO} when absent or given by {@code offsetExpr}
 * @param bypassEmptyMatcherCheck set for the label-only selector argument of {@code info()}
 */
public record VectorSelector(
        String name,
        List<LabelMatcher> matchers,
        Duration offset,
        Optional<DurationExpr> offsetExpr,
        Optional<AtModifier> at,
        boolean anchored,
        boolean smoothed,
        boolean bypassEmptyMatcherCheck,
        PositionRange position)
        implements Expr {
    public VectorSelector {
        requireNonNull(name, "name is null");
        matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
        requireNonNull(offset, "offset is null");
        requireNonNull(offsetExpr, "offsetExpr is null");
        requireNonNull(at, "at is null");
        requireNonNull(position, "position is null");
    }

    public static VectorSelector of(String name, List<LabelMatcher> matchers, PositionRange position) {
        return new VectorSelector(name, matchers, Duration.ZERO, Optional.empty(), Optional.empty(), false, false, false, position);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public boolean hasOffset() {
        return !offset.isZero() || offsetExpr.isPresent();
    }

    public VectorSelector withOffset(Duration newOffset, Optional<DurationExpr> newOffsetExpr, PositionRange newPosition) {
        return new VectorSelector(name, matchers, newOffset, newOffsetExpr, at, anchored, smoothed, bypassEmptyMatcherCheck, newPosition);
    }

    public VectorSelector withAt(AtModifier newAt, PositionRange newPosition) {
        return new VectorSelector(name, matchers, offset, offsetExpr, Optional.of(newAt), anchored, smoothed, bypassEmptyMatcherCheck, newPosition);
    }

    public VectorSelector withAnchored(PositionRange newPosition) {
        return new VectorSelector(name, matchers, offset, offsetExpr, at, true, smoothed, bypassEmptyMatcherCheck, newPosition);
    }

    public VectorSelector withSmoothed(PositionRange newPosition) {
        return new VectorSelector(name, matchers, offset, offsetExpr, at, anchored, true, bypassEmptyMatcherCheck, newPosition);
    }

    public VectorSelector withBypassEmptyMatcherCheck() {
        return new VectorSelector(name, matchers, offset, offsetExpr, at, anchored, smoothed, true, position);
    }
}
