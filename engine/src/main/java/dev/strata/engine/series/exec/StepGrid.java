package dev.strata.engine.series.exec;


import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.model.Labels;
import java.util.Arrays;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** A scalar generated on the grid: a constant, or the step time in seconds ({@code time()}). */
public final class StepGrid implements StepNode {
    private final EvalGrid grid;
    private final boolean time;
    private final double constant;

    private StepGrid(EvalGrid grid, boolean time, double constant) {
        this.grid = requireNonNull(grid, "grid is null");
        this.time = time;
        this.constant = constant;
    }

    public static StepGrid constant(EvalGrid grid, double value) {
        return new StepGrid(grid, false, value);
    }

    public static StepGrid time(EvalGrid grid) {
        return new StepGrid(grid, true, 0);
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        int steps = grid.steps();
        double[] values = new double[steps];
        boolean[] present = new boolean[steps];
        Arrays.fill(present, true);
        for (int i = 0; i < steps; i++) {
            values[i] = time ? grid.at(i) / 1000.0 : constant;
        }
        return new StepVector(grid, List.of(new StepSeries(Labels.EMPTY, values, present)));
    }
}
