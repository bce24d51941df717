package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.operator.AggregateFunction;
import dev.strata.engine.exec.operator.HashAggregateOperator;
import dev.strata.engine.exec.operator.ParallelAggregateOperator;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Hash aggregation with COUNT, SUM, $SUM0, MIN, MAX and AVG over numeric arguments. Over a scan
 * pipeline (filters and projections over one scan) and with more than one query thread, the splits
 * are aggregated by parallel workers and merged ({@link ParallelAggregateOperator}).
 */
public final class ColumnarAggregate extends Aggregate implements ColumnarRel {
    public ColumnarAggregate(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet, List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
        super(cluster, traitSet, List.of(), input, groupSet, groupSets, aggCalls);
    }

    /** True when the operator can compute {@code aggregate} (one group set, supported calls and types). */
    public static boolean supports(Aggregate aggregate) {
        if (aggregate.getGroupType() != Group.SIMPLE) {
            return false;
        }
        RelDataType inputType = aggregate.getInput().getRowType();
        for (int key : aggregate.getGroupSet()) {
            ValueKind kind = ValueKind.of(inputType.getFieldList().get(key).getType());
            if (kind == null || kind == ValueKind.MAP) {
                return false;
            }
        }
        for (AggregateCall call : aggregate.getAggCallList()) {
            if (call.isDistinct() || call.hasFilter() || call.isApproximate() || !call.collation.getFieldCollations().isEmpty()
                    || function(call) == null || ValueKind.of(call.getType()) == null) {
                return false;
            }
            List<Integer> args = call.getArgList();
            if (args.size() > 1 || (args.isEmpty() && function(call) != AggregateFunction.Function.COUNT)) {
                return false;
            }
            if (args.size() == 1) {
                ValueKind kind = ValueKind.of(inputType.getFieldList().get(args.get(0)).getType());
                boolean isCount = function(call) == AggregateFunction.Function.COUNT;
                if (kind == null || (!isCount && kind != ValueKind.LONG && kind != ValueKind.DOUBLE)) {
                    return false;
                }
                if (!isCount && ValueKind.of(call.getType()) != kind) {
                    return false;
                }
            }
        }
        return true;
    }

    private static AggregateFunction.Function function(AggregateCall call) {
        return switch (call.getAggregation().getKind()) {
            case COUNT -> AggregateFunction.Function.COUNT;
            case SUM -> AggregateFunction.Function.SUM;
            case SUM0 -> AggregateFunction.Function.SUM0;
            case MIN -> AggregateFunction.Function.MIN;
            case MAX -> AggregateFunction.Function.MAX;
            case AVG -> AggregateFunction.Function.AVG;
            default -> null;
        };
    }

    @Override
    public Aggregate copy(RelTraitSet traitSet, RelNode input, ImmutableBitSet groupSet, List<ImmutableBitSet> groupSets, List<AggregateCall> aggCalls) {
        return new ColumnarAggregate(getCluster(), traitSet, input, groupSet, groupSets, aggCalls);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public OperatorFactory implement() {
        OperatorFactory input = ((ColumnarRel) getInput()).implement();
        RelDataType inputType = getInput().getRowType();
        List<Integer> keys = groupSet.asList();
        int[] keyColumns = new int[keys.size()];
        ValueKind[] keyKinds = new ValueKind[keys.size()];
        List<Field> keyFields = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            keyColumns[k] = keys.get(k);
            RelDataType type = getRowType().getFieldList().get(k).getType();
            keyKinds[k] = ValueKind.of(type);
            keyFields.add(new Field(getRowType().getFieldNames().get(k), ValueKind.fieldType(type), null));
        }
        List<AggregateFunction> functions = new ArrayList<>();
        for (int a = 0; a < aggCalls.size(); a++) {
            AggregateCall call = aggCalls.get(a);
            int argument = call.getArgList().isEmpty() ? -1 : call.getArgList().get(0);
            ValueKind argumentKind = argument < 0 ? null : ValueKind.of(inputType.getFieldList().get(argument).getType());
            RelDataType type = getRowType().getFieldList().get(keys.size() + a).getType();
            Field output = new Field(getRowType().getFieldNames().get(keys.size() + a), ValueKind.fieldType(type), null);
            functions.add(new AggregateFunction(function(call), argument, argumentKind, output));
        }
        List<Field> frozenKeys = List.copyOf(keyFields);
        List<AggregateFunction> frozenFunctions = List.copyOf(functions);
        BiFunction<QueryContext, Operator, HashAggregateOperator> aggregation =
                (context, rows) -> new HashAggregateOperator(context, rows, keyColumns, keyKinds, frozenKeys, frozenFunctions);
        ColumnarTableScan scan = pipelineScan(getInput());
        if (scan == null) {
            return context -> context.register(aggregation.apply(context, input.create(context)));
        }
        TableSource source = scan.telemetryTable().source();
        ScanRequest request = scan.scanRequest();
        return context -> context.workers().threads() > 1
                ? context.register(new ParallelAggregateOperator(context, source, request, input, aggregation))
                : context.register(aggregation.apply(context, input.create(context)));
    }

    /**
     * The scan at the bottom of {@code input} when only filters and projections sit between it
     * and this aggregation (a pipeline whose splits can be aggregated apart and merged), else null.
     */
    static ColumnarTableScan pipelineScan(RelNode input) {
        RelNode node = input;
        while (node instanceof ColumnarFilter || node instanceof ColumnarProject) {
            node = node.getInput(0);
        }
        return node instanceof ColumnarTableScan scan ? scan : null;
    }
}
