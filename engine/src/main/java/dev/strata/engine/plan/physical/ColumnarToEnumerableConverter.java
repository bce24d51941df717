package dev.strata.engine.plan.physical;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterImpl;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * Exit from the columnar convention into Calcite's enumerable one: the subtree below runs as
 * batch operators and its rows are handed to generated code as {@code Object[]}. Only plans that
 * need the fallback contain it; a plan that is columnar up to the root never generates code.
 */
public final class ColumnarToEnumerableConverter extends ConverterImpl implements EnumerableRel {
    public ColumnarToEnumerableConverter(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
        super(cluster, ConventionTraitDef.INSTANCE, traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new ColumnarToEnumerableConverter(getCluster(), traitSet, sole(inputs));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = mq.getRowCount(getInput());
        return planner.getCostFactory().makeCost(rows, rows * getRowType().getFieldCount(), 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY, false);
        List<RelDataType> types = new ArrayList<>();
        for (RelDataTypeField field : getRowType().getFieldList()) {
            types.add(field.getType());
        }
        EnumerableBridge bridge = new EnumerableBridge(((ColumnarRel) getInput()).implement(), types);
        Expression stashed = implementor.stash(bridge, EnumerableBridge.class);
        BlockBuilder block = new BlockBuilder();
        block.add(Expressions.return_(null, Expressions.call(stashed, "enumerable", DataContext.ROOT)));
        return implementor.result(physType, block.toBlock());
    }
}
