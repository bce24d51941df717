package dev.strata.engine.series.rel;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * A subquery: the values its input computes on its own (inner) grid become raw samples at the
 * inner steps' times, which a {@link RangeWindow} or {@link RangeSelect} above reads as a range vector.
 */
public final class SeriesSubquery extends SeriesRel {
    public SeriesSubquery(RelOptCluster cluster, RelTraitSet traitSet, RelNode input) {
        super(cluster, traitSet, List.of(input));
    }

    public static SeriesSubquery create(RelNode input) {
        RelOptCluster cluster = input.getCluster();
        return new SeriesSubquery(cluster, cluster.traitSetOf(Convention.NONE), input);
    }

    public RelNode input() {
        return getInputs().get(0);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SeriesSubquery(getCluster(), traitSet, inputs.get(0));
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).input("input", input());
    }
}
