package dev.strata.engine.series;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;

/**
 * One series on the step grid: {@code values[i]} is its value at step i when {@code present[i]}.
 * Operators own the arrays they create and may fill them in place before publishing the series.
 * {@code dropName} is Prometheus 3's delayed name removal: a function or operator dropped the
 * metric name, which stays in {@code labels} (label functions and {@code by (__name__)} can still
 * see it) until the query's result is produced.
 */
public record StepSeries(Labels labels, double[] values, boolean[] present, boolean dropName) {
    public StepSeries {
        requireNonNull(labels, "labels is null");
        requireNonNull(values, "values is null");
        requireNonNull(present, "present is null");
    }

    public StepSeries(Labels labels, double[] values, boolean[] present) {
        this(labels, values, present, false);
    }

    public static StepSeries empty(Labels labels, int steps) {
        return new StepSeries(labels, new double[steps], new boolean[steps], false);
    }

    public static StepSeries empty(Labels labels, int steps, boolean dropName) {
        return new StepSeries(labels, new double[steps], new boolean[steps], dropName);
    }

    public StepSeries withDropName(boolean drop) {
        return new StepSeries(labels, values, present, drop);
    }

    /** The labels as a result shows them: without the name when it is to be dropped. */
    public StepSeries finish() {
        return dropName ? new StepSeries(MetricName.drop(labels), values, present, false) : this;
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
        return new StepSeries(newLabels, values, present, dropName);
    }
}
