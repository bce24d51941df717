package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.operator.LimitOperator;
import dev.strata.engine.exec.operator.ParallelTopNOperator;
import dev.strata.engine.exec.operator.SortKey;
import dev.strata.engine.exec.operator.SortOperator;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.TableSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * ORDER BY (a full sort, or top-N with FETCH) and LIMIT/OFFSET without ordering. A top-N straight
 * over a scan pipeline runs as partial top-Ns on the query's workers, merged
 * ({@link ParallelTopNOperator}), when the query has more than one thread.
 */
public final class ColumnarSort extends Sort implements ColumnarRel {
    public ColumnarSort(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, RelCollation collation, RexNode offset, RexNode fetch) {
        super(cluster, traitSet, input, collation, offset, fetch);
    }

    /** True when keys are sortable kinds and OFFSET/FETCH are literals. */
    public static boolean supports(Sort sort) {
        if ((sort.offset != null && !(sort.offset instanceof RexLiteral)) || (sort.fetch != null && !(sort.fetch instanceof RexLiteral))) {
            return false;
        }
        for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
            ValueKind kind = ValueKind.of(sort.getInput().getRowType().getFieldList().get(field.getFieldIndex()).getType());
            if (kind == null || kind == ValueKind.MAP) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Sort copy(RelTraitSet traitSet, RelNode input, RelCollation collation, RexNode offset, RexNode fetch) {
        return new ColumnarSort(getCluster(), traitSet, input, collation, offset, fetch);
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        return super.computeSelfCost(planner, mq).multiplyBy(COST_FACTOR);
    }

    @Override
    public OperatorFactory implement() {
        OperatorFactory input = ((ColumnarRel) getInput()).implement();
        long offsetRows = offset == null ? 0 : ((RexLiteral) offset).getValueAs(Long.class);
        long fetchRows = fetch == null ? -1 : ((RexLiteral) fetch).getValueAs(Long.class);
        List<SortKey> keys = new ArrayList<>();
        for (RelFieldCollation field : collation.getFieldCollations()) {
            ValueKind kind = ValueKind.of(getInput().getRowType().getFieldList().get(field.getFieldIndex()).getType());
            boolean descending = field.getDirection().isDescending();
            boolean nullsFirst = switch (field.nullDirection) {
                case FIRST -> true;
                case LAST -> false;
                // Calcite's default: nulls sort high
                case UNSPECIFIED -> descending;
            };
            keys.add(new SortKey(field.getFieldIndex(), kind, descending, nullsFirst));
        }
        List<SortKey> frozen = List.copyOf(keys);
        if (frozen.isEmpty()) {
            long fetchOrAll = fetchRows < 0 ? Long.MAX_VALUE : fetchRows;
            return context -> context.register(new LimitOperator(context, input.create(context), offsetRows, fetchOrAll));
        }
        ColumnarTableScan scan = fetchRows >= 0 ? ColumnarAggregate.pipelineScan(getInput()) : null;
        if (scan == null) {
            return context -> context.register(new SortOperator(context, input.create(context), frozen, offsetRows, fetchRows));
        }
        // a top-N straight over a scan pipeline: partial top-Ns per worker, merged
        TableSource source = scan.telemetryTable().source();
        ScanRequest request = scan.scanRequest();
        return context -> context.workers().threads() > 1
                ? context.register(new ParallelTopNOperator(context, source, request, input, frozen, offsetRows, fetchRows))
                : context.register(new SortOperator(context, input.create(context), frozen, offsetRows, fetchRows));
    }
}
