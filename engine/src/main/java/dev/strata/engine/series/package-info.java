/**
 * The values of time-series evaluation, shared by every front-end that works on metrics: the step
 * grid ({@link dev.strata.engine.series.EvalGrid}), a series' raw samples
 * ({@link dev.strata.engine.series.RawSeries}) and its values on the grid
 * ({@link dev.strata.engine.series.StepSeries}), the per-query context and annotations, and the
 * operator enums the series plan nodes carry.
 */
package dev.strata.engine.series;
