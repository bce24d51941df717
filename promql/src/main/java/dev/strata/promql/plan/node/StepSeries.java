package dev.strata.promql.plan.node;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;

/**
 * One series on the step grid: {@code values[i]} is its value at step i when {@code present[i]}.
 * Operators own the arrays they create and may fill them in place before publishing the series.
 */
public record StepSeries(Labels labels, double[] values, boolean[] present) {
    public StepSeries {
        requireNonNull(labels, "labels is null");
        requireNonNull(values, "values is null");
        requireNonNull(present, "present is null");
    }

    public static StepSeries empty(Labels labels, int steps) {
        return new StepSeries(labels, new double[steps], new boolean[steps]);
    }

    public boolean isEmpty() {
        for (boolean p : present) {
            if (p) {
                return false;
            }
        }
        return true;
    }

    public StepSeries withLabels(Labels newLabels) {
        return new StepSeries(newLabels, values, present);
    }
}
