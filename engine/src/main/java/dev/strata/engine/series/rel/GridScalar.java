package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/** A scalar generated on a grid: a constant, or each step's time in seconds ({@code time()}). */
public final class GridScalar extends SeriesRel {
    private final EvalGrid grid;
    private final boolean time;
    private final double constant;

    public GridScalar(RelOptCluster cluster, RelTraitSet traitSet, EvalGrid grid, boolean time, double constant) {
        super(cluster, traitSet, List.of());
        this.grid = requireNonNull(grid, "grid is null");
        this.time = time;
        this.constant = constant;
    }

    public static GridScalar constant(RelOptCluster cluster, EvalGrid grid, double value) {
        return new GridScalar(cluster, cluster.traitSetOf(Convention.NONE), grid, false, value);
    }

    public static GridScalar time(RelOptCluster cluster, EvalGrid grid) {
        return new GridScalar(cluster, cluster.traitSetOf(Convention.NONE), grid, true, 0);
    }

    public EvalGrid grid() {
        return grid;
    }

    /** True for {@code time()}, false for {@link #constant()}. */
    public boolean isTime() {
        return time;
    }

    public double constant() {
        return constant;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new GridScalar(getCluster(), traitSet, grid, time, constant);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("grid", SeriesTerms.grid(grid)).item("value", time ? "time()" : constant);
    }
}
