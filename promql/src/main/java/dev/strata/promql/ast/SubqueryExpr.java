package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A subquery {@code expr[range:step]}.
 *
 * @param step the literal step, {@link Duration#ZERO} for the default evaluation interval or when
 *     {@code stepExpr} gives it
 */
public record SubqueryExpr(
        Expr expr,
        Duration range,
        Optional<DurationExpr> rangeExpr,
        Duration step,
        Optional<DurationExpr> stepExpr,
        Duration offset,
        Optional<DurationExpr> offsetExpr,
        Optional<AtModifier> at,
        PositionRange position)
        implements Expr {
    public SubqueryExpr {
        requireNonNull(expr, "expr is null");
        requireNonNull(range, "range is null");
        requireNonNull(rangeExpr, "rangeExpr is null");
        requireNonNull(step, "step is null");
        requireNonNull(stepExpr, "stepExpr is null");
        requireNonNull(offset, "offset is null");
        requireNonNull(offsetExpr, "offsetExpr is null");
        requireNonNull(at, "at is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public boolean hasOffset() {
        return !offset.isZero() || offsetExpr.isPresent();
    }

    public SubqueryExpr withOffset(Duration newOffset, Optional<DurationExpr> newOffsetExpr, PositionRange newPosition) {
        return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, newOffset, newOffsetExpr, at, newPosition);
    }

    public SubqueryExpr withAt(AtModifier newAt, PositionRange newPosition) {
        return new SubqueryExpr(expr, range, rangeExpr, step, stepExpr, offset, offsetExpr, Optional.of(newAt), newPosition);
    }
}
