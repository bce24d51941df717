package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.rel.VectorMatch;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorMatching;
import java.util.List;
import org.apache.calcite.rel.RelNode;

/** Binary expressions: one {@link VectorMatch} of the planned operands, set operators included. */
final class BinaryPlanner {
    private final PromQlPlanner planner;

    BinaryPlanner(PromQlPlanner planner) {
        this.planner = requireNonNull(planner, "planner is null");
    }

    RelNode plan(BinaryExpr binary, EvalGrid grid) {
        if (binary.matching().isPresent() && (binary.matching().get().fillLeft().isPresent() || binary.matching().get().fillRight().isPresent())) {
            throw Unsupported.of("fill modifiers");
        }
        RelNode lhs = planner.plan(binary.lhs(), grid);
        RelNode rhs = planner.plan(binary.rhs(), grid);
        boolean lhsScalar = binary.lhs().type() == ValueType.SCALAR;
        boolean rhsScalar = binary.rhs().type() == ValueType.SCALAR;
        if (binary.matching().isEmpty()) {
            return VectorMatch.create(lhs, rhs, EngineOperators.of(binary.op()), binary.returnBool(), lhsScalar, rhsScalar,
                    MatchCardinality.ONE_TO_ONE, List.of(), false, List.of());
        }
        VectorMatching m = binary.matching().get();
        return VectorMatch.create(lhs, rhs, EngineOperators.of(binary.op()), binary.returnBool(), lhsScalar, rhsScalar,
                EngineOperators.of(m.cardinality()), m.matchingLabels(), m.on(), m.include());
    }
}
