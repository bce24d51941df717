package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.TimeShift;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * Applies a range function ({@code rate}, {@code avg_over_time}, ...) over a window of
 * {@code rangeMs} ending at each step of the grid (left-open, shifted by {@code offset}/{@code @}),
 * per series of its input. An optional second input is the function's scalar argument on the same
 * grid ({@code quantile_over_time}'s quantile, {@code predict_linear}'s horizon).
 */
public final class RangeWindow extends SeriesRel {
    private final String function;
    private final EvalGrid grid;
    private final long rangeMs;
    private final TimeShift shift;
    private final String argumentPosition;

    public RangeWindow(RelOptCluster cluster, RelTraitSet traitSet, List<RelNode> inputs, String function, EvalGrid grid, long rangeMs,
            TimeShift shift, String argumentPosition) {
        super(cluster, traitSet, inputs);
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException("a range window has a series input and at most one argument: " + inputs.size());
        }
        this.function = requireNonNull(function, "function is null");
        this.grid = requireNonNull(grid, "grid is null");
        this.rangeMs = rangeMs;
        this.shift = requireNonNull(shift, "shift is null");
        this.argumentPosition = requireNonNull(argumentPosition, "argumentPosition is null");
    }

    /** {@code argumentPosition} locates the argument in the query text for annotations ({@code ""} if none). */
    public static RangeWindow create(RelNode input, Optional<RelNode> argument, String function, EvalGrid grid, long rangeMs, TimeShift shift,
            String argumentPosition) {
        List<RelNode> inputs = new ArrayList<>();
        inputs.add(input);
        argument.ifPresent(inputs::add);
        RelOptCluster cluster = input.getCluster();
        return new RangeWindow(cluster, cluster.traitSetOf(Convention.NONE), inputs, function, grid, rangeMs, shift, argumentPosition);
    }

    public RelNode input() {
        return getInputs().get(0);
    }

    public Optional<RelNode> argument() {
        return getInputs().size() > 1 ? Optional.of(getInputs().get(1)) : Optional.empty();
    }

    public String function() {
        return function;
    }

    public EvalGrid grid() {
        return grid;
    }

    public long rangeMs() {
        return rangeMs;
    }

    public TimeShift shift() {
        return shift;
    }

    public String argumentPosition() {
        return argumentPosition;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new RangeWindow(getCluster(), traitSet, inputs, function, grid, rangeMs, shift, argumentPosition);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter writer = super.explainTerms(pw).input("input", input());
        if (argument().isPresent()) {
            writer.input("argument", argument().get());
        }
        return SeriesTerms.shift(writer.item("fn", function).item("grid", SeriesTerms.grid(grid)).item("range", rangeMs), shift);
    }
}
