package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.expr.ExpressionCompiler;
import dev.strata.engine.exec.operator.ExpressionInputs;
import dev.strata.engine.exec.operator.FilterOperator;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;

/** Filter evaluated as a vectorized predicate over each batch. */
public final class ColumnarFilter extends Filter implements ColumnarRel {
    public ColumnarFilter(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, RexNode condition) {
        super(cluster, traitSet, input, condition);
    }

    @Override
    public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
        return new ColumnarFilter(getCluster(), traitSet, input, condition);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public OperatorFactory implement() {
        OperatorFactory input = ((ColumnarRel) getInput()).implement();
        RelDataType inputType = getInput().getRowType();
        RexBuilder rexBuilder = getCluster().getRexBuilder();
        RexNode predicate = condition;
        ExpressionInputs inputs = ColumnarProject.inputsOf(predicate);
        return context -> context.register(new FilterOperator(context, input.create(context),
                new ExpressionCompiler(inputType, rexBuilder, context.allocator()).compile(predicate), inputs));
    }
}
