package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A duration expression (Prometheus's experimental {@code promql-duration-expr}): arithmetic over
 * number and duration literals and {@code step()}, {@code range()}, {@code min_of}, {@code max_of},
 * used for ranges, subquery steps and offsets. Values are seconds. Operands are
 * {@link NumberLiteral}s or other duration expressions.
 *
 * <p>Unary minus has no {@code lhs}; unary plus around a parenthesised literal is kept (op
 * {@link DurationOp#ADD}, no {@code lhs}) only to carry {@code wrapped}.
 *
 * @param wrapped true when written in parentheses, so printing keeps them
 */
public record DurationExpr(DurationOp op, Optional<Expr> lhs, Optional<Expr> rhs, boolean wrapped, PositionRange position)
        implements Expr {
    public DurationExpr {
        requireNonNull(op, "op is null");
        requireNonNull(lhs, "lhs is null");
        requireNonNull(rhs, "rhs is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    public DurationExpr withWrapped(PositionRange newPosition) {
        return new DurationExpr(op, lhs, rhs, true, newPosition);
    }
}
