package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A binary operation. {@code matching} is present exactly when both sides are instant vectors.
 *
 * @param returnBool the {@code bool} modifier of comparisons
 */
public record BinaryExpr(BinaryOp op, Expr lhs, Expr rhs, Optional<VectorMatching> matching, boolean returnBool, PositionRange position)
        implements Expr {
    public BinaryExpr {
        requireNonNull(op, "op is null");
        requireNonNull(lhs, "lhs is null");
        requireNonNull(rhs, "rhs is null");
        requireNonNull(matching, "matching is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }
}
