package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.exec.BinaryJoin;
import dev.strata.engine.series.exec.SetOperation;
import dev.strata.engine.series.exec.StepNode;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorMatching;

/** Binary expressions: {@link SetOperation} for {@code and/or/unless}, else {@link BinaryJoin}. */
final class BinaryPlanner {
    private final PromQlPlanner planner;

    BinaryPlanner(PromQlPlanner planner) {
        this.planner = requireNonNull(planner, "planner is null");
    }

    StepNode plan(BinaryExpr binary, EvalGrid grid) {
        if (binary.matching().isPresent() && (binary.matching().get().fillLeft().isPresent() || binary.matching().get().fillRight().isPresent())) {
            throw Unsupported.of("fill modifiers");
        }
        StepNode lhs = planner.plan(binary.lhs(), grid);
        StepNode rhs = planner.plan(binary.rhs(), grid);
        BinaryJoin.Matching matching = binary.matching().map(BinaryPlanner::matching).orElse(BinaryJoin.Matching.DEFAULT);
        if (binary.op().isSetOperator()) {
            return new SetOperation(lhs, rhs, EngineOperators.of(binary.op()), matching);
        }
        return new BinaryJoin(lhs, rhs, EngineOperators.of(binary.op()), binary.lhs().type() == ValueType.SCALAR, binary.rhs().type() == ValueType.SCALAR,
                binary.returnBool(), matching);
    }

    private static BinaryJoin.Matching matching(VectorMatching m) {
        return new BinaryJoin.Matching(EngineOperators.of(m.cardinality()), m.matchingLabels(), m.on(), m.include());
    }
}
