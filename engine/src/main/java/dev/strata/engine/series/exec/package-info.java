/**
 * The time-series operators and their kernels (GreptimeDB's architecture, our names): a
 * {@link dev.strata.engine.series.exec.SamplesScan} of the {@code samples} table with label matchers
 * and a widened time range pushed down, {@link dev.strata.engine.series.exec.SeriesDivide} cutting it
 * into one run per series, {@link dev.strata.engine.series.exec.InstantAlign} and
 * {@link dev.strata.engine.series.exec.RangeWindow} turning runs into values on the step grid, then
 * cross-series operators (aggregation, vector matching, set operations). Every operator works on one
 * series at a time with primitive arrays ({@code long[]} times, {@code double[]} values).
 */
package dev.strata.engine.series.exec;
