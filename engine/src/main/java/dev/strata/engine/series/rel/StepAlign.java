package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.TimeShift;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * Aligns raw samples to a step grid: at each step, a series' latest sample no older than the
 * lookback window (read at the step's time shifted by {@code offset}/{@code @}), stale markers ending
 * it. With {@code timestamps} the value is the chosen sample's time in seconds ({@code timestamp()}).
 */
public final class StepAlign extends SeriesRel {
    private final EvalGrid grid;
    private final long lookbackMs;
    private final TimeShift shift;
    private final boolean timestamps;

    public StepAlign(RelOptCluster cluster, RelTraitSet traitSet, RelNode input, EvalGrid grid, long lookbackMs, TimeShift shift, boolean timestamps) {
        super(cluster, traitSet, List.of(input));
        this.grid = requireNonNull(grid, "grid is null");
        this.lookbackMs = lookbackMs;
        this.shift = requireNonNull(shift, "shift is null");
        this.timestamps = timestamps;
    }

    public static StepAlign create(RelNode input, EvalGrid grid, long lookbackMs, TimeShift shift, boolean timestamps) {
        RelOptCluster cluster = input.getCluster();
        return new StepAlign(cluster, cluster.traitSetOf(Convention.NONE), input, grid, lookbackMs, shift, timestamps);
    }

    public RelNode input() {
        return getInputs().get(0);
    }

    public EvalGrid grid() {
        return grid;
    }

    public long lookbackMs() {
        return lookbackMs;
    }

    public TimeShift shift() {
        return shift;
    }

    public boolean timestamps() {
        return timestamps;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new StepAlign(getCluster(), traitSet, inputs.get(0), grid, lookbackMs, shift, timestamps);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return SeriesTerms.shift(super.explainTerms(pw).input("input", input())
                .item("grid", SeriesTerms.grid(grid))
                .item("lookback", lookbackMs), shift)
                .itemIf("value", "timestamp", timestamps);
    }
}
