package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.exec.Aggregate;
import dev.strata.engine.series.exec.StepNode;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AggregateOp;
import dev.strata.promql.ast.StringLiteral;
import java.util.Optional;

/** Aggregations: one {@link Aggregate} node over the planned operand, its parameter planned as a scalar. */
final class AggregationPlanner {
    private final PromQlPlanner planner;

    AggregationPlanner(PromQlPlanner planner) {
        this.planner = requireNonNull(planner, "planner is null");
    }

    StepNode plan(AggregateExpr aggregate, EvalGrid grid) {
        if (aggregate.op() == AggregateOp.LIMITK || aggregate.op() == AggregateOp.LIMIT_RATIO) {
            throw Unsupported.of("aggregation " + aggregate.op());
        }
        StepNode input = planner.plan(aggregate.expr(), grid);
        if (aggregate.op() == AggregateOp.COUNT_VALUES) {
            if (!(PromQlPlanner.unwrap(aggregate.param().orElseThrow()) instanceof StringLiteral label)) {
                throw Unsupported.of("count_values with a computed label");
            }
            return new Aggregate(input, EngineOperators.of(aggregate.op()), aggregate.grouping(), aggregate.without(), Optional.empty(), label.value(),
                    PromQlPlanner.position(aggregate));
        }
        Optional<StepNode> param = aggregate.param().map(p -> planner.plan(p, grid));
        return new Aggregate(input, EngineOperators.of(aggregate.op()), aggregate.grouping(), aggregate.without(), param, null,
                PromQlPlanner.position(aggregate.param().isPresent() ? aggregate.param().get() : aggregate));
    }
}
