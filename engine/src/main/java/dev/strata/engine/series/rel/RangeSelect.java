package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.TimeShift;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/** A range vector as a query result: each input series' samples in the window {@code (t - range, t]} at one time. */
public final class RangeSelect extends SeriesRel {
    private final long timeMs;
    private final long rangeMs;
    private final TimeShift shift;

    public RangeSelect(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, long timeMs, long rangeMs, TimeShift shift) {
        super(cluster, traitSet, List.of(input));
        this.timeMs = timeMs;
        this.rangeMs = rangeMs;
        this.shift = requireNonNull(shift, "shift is null");
    }

    public static RangeSelect create(RelNode input, long timeMs, long rangeMs, TimeShift shift) {
        RelOptCluster cluster = input.getCluster();
        return new RangeSelect(cluster, cluster.traitSetOf(Convention.NONE), input, timeMs, rangeMs, shift);
    }

    public RelNode input() {
        return getInputs().get(0);
    }

    public long timeMs() {
        return timeMs;
    }

    public long rangeMs() {
        return rangeMs;
    }

    public TimeShift shift() {
        return shift;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new RangeSelect(getCluster(), traitSet, inputs.get(0), timeMs, rangeMs, shift);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return SeriesTerms.shift(super.explainTerms(pw).input("input", input()).item("time", timeMs).item("range", rangeMs), shift);
    }
}
