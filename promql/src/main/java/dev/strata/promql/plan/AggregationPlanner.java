package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.rel.SeriesAggregate;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AggregateOp;
import dev.strata.promql.ast.StringLiteral;
import java.util.Optional;
import org.apache.calcite.rel.RelNode;

/** Aggregations: one {@link SeriesAggregate} over the planned operand, its parameter planned as a scalar. */
final class AggregationPlanner {
    private final PromQlPlanner planner;

    AggregationPlanner(PromQlPlanner planner) {
        this.planner = requireNonNull(planner, "planner is null");
    }

    RelNode plan(AggregateExpr aggregate, EvalGrid grid) {
        RelNode input = planner.plan(aggregate.expr(), grid);
        if (aggregate.op() == AggregateOp.COUNT_VALUES) {
            if (!(PromQlPlanner.unwrap(aggregate.param().orElseThrow()) instanceof StringLiteral label)) {
                throw Unsupported.of("count_values with a computed label");
            }
            return SeriesAggregate.create(input, Optional.empty(), EngineOperators.of(aggregate.op()), aggregate.grouping(), aggregate.without(),
                    Optional.of(label.value()), PromQlPlanner.position(aggregate));
        }
        Optional<RelNode> param = aggregate.param().map(p -> planner.plan(p, grid));
        return SeriesAggregate.create(input, param, EngineOperators.of(aggregate.op()), aggregate.grouping(), aggregate.without(), Optional.empty(),
                PromQlPlanner.position(aggregate.param().isPresent() ? aggregate.param().get() : aggregate));
    }
}
