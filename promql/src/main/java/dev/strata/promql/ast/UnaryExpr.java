package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

/** A unary plus or minus; a minus directly before a number literal is folded into the literal instead. */
public record UnaryExpr(UnaryOp op, Expr expr, PositionRange position) implements Expr {
    public UnaryExpr {
        requireNonNull(op, "op is null");
        requireNonNull(expr, "expr is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return expr.type();
    }
}
