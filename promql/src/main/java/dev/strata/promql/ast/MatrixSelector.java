package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * A range vector selector {@code selector[range]}. Offset and {@code @} modifiers live on the inner
 * selector, wherever they were written.
 *
 * @param range the literal range, {@link Duration#ZERO} when {@code rangeExpr} gives it
 */
public record MatrixSelector(VectorSelector selector, Duration range, Optional<DurationExpr> rangeExpr, PositionRange position)
        implements Expr {
    public MatrixSelector {
        requireNonNull(selector, "selector is null");
        requireNonNull(range, "range is null");
        requireNonNull(rangeExpr, "rangeExpr is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    public MatrixSelector withSelector(VectorSelector newSelector, PositionRange newPosition) {
        return new MatrixSelector(newSelector, range, rangeExpr, newPosition);
    }
}
