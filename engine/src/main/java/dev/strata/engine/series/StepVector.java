package dev.strata.engine.series;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The value of an instant-vector or scalar node over a grid: its series (a scalar has one, unlabeled). */
public record StepVector(EvalGrid grid, List<StepSeries> series) {
    public StepVector {
        requireNonNull(grid, "grid is null");
        series = List.copyOf(requireNonNull(series, "series is null"));
    }
}
