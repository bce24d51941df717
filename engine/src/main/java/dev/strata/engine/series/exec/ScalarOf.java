package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.model.Labels;
import java.util.Arrays;
import java.util.List;
import static java.util.Objects.requireNonNull;

/**
 * Converts between scalars and vectors: {@code scalar(v)} (the value of the only series at a step,
 * else NaN) or, as {@code vector(s)}, a scalar into one unlabeled series.
 */
public final class ScalarOf implements StepNode {
    private final StepNode input;
    private final boolean toVector;

    public ScalarOf(StepNode input, boolean toVector) {
        this.input = requireNonNull(input, "input is null");
        this.toVector = toVector;
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        if (toVector) {
            return in;
        }
        int steps = in.grid().steps();
        double[] values = new double[steps];
        boolean[] present = new boolean[steps];
        Arrays.fill(values, Double.NaN);
        Arrays.fill(present, true);
        int[] counts = new int[steps];
        for (StepSeries s : in.series()) {
            for (int i = 0; i < steps; i++) {
                if (s.present()[i]) {
                    counts[i]++;
                    values[i] = counts[i] == 1 ? s.values()[i] : Double.NaN;
                }
            }
        }
        return new StepVector(in.grid(), List.of(new StepSeries(Labels.EMPTY, values, present)));
    }
}
