package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * An aggregation such as {@code topk by (job) (3, x)}.
 *
 * @param grouping the labels of {@code by} or {@code without}; empty for neither
 */
public record AggregateExpr(AggregateOp op, Expr expr, Optional<Expr> param, List<String> grouping, boolean without, PositionRange position)
        implements Expr {
    public AggregateExpr {
        requireNonNull(op, "op is null");
        requireNonNull(expr, "expr is null");
        requireNonNull(param, "param is null");
        grouping = List.copyOf(requireNonNull(grouping, "grouping is null"));
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
