package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

/** A parenthesised expression; kept in the tree so that printing preserves the grouping. */
public record ParenExpr(Expr expr, PositionRange position) implements Expr {
    public ParenExpr {
        requireNonNull(expr, "expr is null");
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return expr.type();
    }
}
