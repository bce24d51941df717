package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.ResultVectors;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.operator.HashJoinOperator;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;

/** INNER or LEFT equi-join by hashing the right input (logs with spans on trace_id, spans with parents). */
public final class ColumnarHashJoin extends Join implements ColumnarRel {
    public ColumnarHashJoin(RelOptCluster cluster, RelTraitSet traitSet, RelNode left, RelNode right, RexNode condition, JoinRelType joinType) {
        super(cluster, traitSet, List.of(), left, right, condition, Set.of(), joinType);
    }

    /** True for INNER and LEFT joins on equalities of columns of the same kind. */
    public static boolean supports(Join join) {
        if (join.getJoinType() != JoinRelType.INNER && join.getJoinType() != JoinRelType.LEFT) {
            return false;
        }
        JoinInfo info = join.analyzeCondition();
        if (!info.isEqui() || info.leftKeys.isEmpty()) {
            return false;
        }
        List<RelDataTypeField> leftFields = join.getLeft().getRowType().getFieldList();
        List<RelDataTypeField> rightFields = join.getRight().getRowType().getFieldList();
        for (int k = 0; k < info.leftKeys.size(); k++) {
            ValueKind leftKind = ValueKind.of(leftFields.get(info.leftKeys.get(k)).getType());
            ValueKind rightKind = ValueKind.of(rightFields.get(info.rightKeys.get(k)).getType());
            if (leftKind == null || leftKind == ValueKind.MAP || leftKind != rightKind) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Join copy(RelTraitSet traitSet, RexNode conditionExpr, RelNode left, RelNode right, JoinRelType joinType, boolean semiJoinDone) {
        return new ColumnarHashJoin(getCluster(), traitSet, left, right, conditionExpr, joinType);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double rows = mq.getRowCount(getLeft()) + mq.getRowCount(getRight());
        return planner.getCostFactory().makeCost(rows, rows, 0).multiplyBy(COST_FACTOR);
    }

    @Override
    public OperatorFactory implement() {
        OperatorFactory left = ((ColumnarRel) getLeft()).implement();
        OperatorFactory right = ((ColumnarRel) getRight()).implement();
        JoinInfo info = analyzeCondition();
        int keys = info.leftKeys.size();
        int[] leftKeys = new int[keys];
        int[] rightKeys = new int[keys];
        ValueKind[] kinds = new ValueKind[keys];
        for (int k = 0; k < keys; k++) {
            leftKeys[k] = info.leftKeys.get(k);
            rightKeys[k] = info.rightKeys.get(k);
            kinds[k] = ValueKind.of(getLeft().getRowType().getFieldList().get(leftKeys[k]).getType());
        }
        List<Field> rightFields = new ArrayList<>();
        for (RelDataTypeField field : getRight().getRowType().getFieldList()) {
            RelDataType type = field.getType();
            rightFields.add(ResultVectors.field(field.getName(), type));
        }
        List<Field> frozen = List.copyOf(rightFields);
        boolean isLeftJoin = joinType == JoinRelType.LEFT;
        return context -> {
            var leftOperator = left.create(context);
            var rightOperator = right.create(context);
            return context.register(new HashJoinOperator(context, leftOperator, rightOperator, leftKeys, rightKeys, kinds, isLeftJoin, frozen));
        };
    }
}
