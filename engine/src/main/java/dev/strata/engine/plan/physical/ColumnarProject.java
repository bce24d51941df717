package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.expr.ExpressionCompiler;
import dev.strata.engine.exec.expr.VectorExpression;
import dev.strata.engine.exec.operator.ExpressionInputs;
import dev.strata.engine.exec.operator.ProjectOperator;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/** Projection whose expressions are compiled into vectorized evaluators. */
public final class ColumnarProject extends Project implements ColumnarRel {
    public ColumnarProject(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, List<? extends RexNode> projects, RelDataType rowType) {
        super(cluster, traitSet, List.of(), input, projects, rowType, java.util.Set.of());
    }

    @Override
    public Project copy(RelTraitSet traitSet, RelNode input, List<RexNode> projects, RelDataType rowType) {
        return new ColumnarProject(getCluster(), traitSet, input, projects, rowType);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    /** The columns {@code node} reads, and whether it may run once per distinct value of its input. */
    static ExpressionInputs inputsOf(RexNode node) {
        int[] columns = RelOptUtil.InputFinder.bits(node).toArray();
        return new ExpressionInputs(columns, ExpressionCompiler.isTotal(node) && RexUtil.isDeterministic(node));
    }

    @Override
    public OperatorFactory implement() {
        OperatorFactory input = ((ColumnarRel) getInput()).implement();
        RelDataType inputType = getInput().getRowType();
        RexBuilder rexBuilder = getCluster().getRexBuilder();
        List<RexNode> projects = List.copyOf(getProjects());
        List<Field> fields = new ArrayList<>();
        for (RelDataTypeField field : getRowType().getFieldList()) {
            ValueKind kind = ValueKind.of(field.getType());
            fields.add(kind == ValueKind.MAP || kind == ValueKind.STRING
                    ? null
                    : new Field(field.getName(), ValueKind.fieldType(field.getType()), null));
        }
        List<Field> frozen = java.util.Collections.unmodifiableList(fields);
        boolean total = true;
        for (RexNode project : projects) {
            total &= ExpressionCompiler.isTotal(project);
        }
        boolean totalOverDroppedRows = total;
        List<ExpressionInputs> inputs = new ArrayList<>();
        for (RexNode project : projects) {
            inputs.add(inputsOf(project));
        }
        return context -> {
            ExpressionCompiler compiler = new ExpressionCompiler(inputType, rexBuilder, context.allocator());
            List<VectorExpression> expressions = new ArrayList<>();
            for (RexNode project : projects) {
                expressions.add(compiler.compile(project));
            }
            return context.register(new ProjectOperator(context, input.create(context), expressions, frozen, totalOverDroppedRows, inputs));
        };
    }
}
