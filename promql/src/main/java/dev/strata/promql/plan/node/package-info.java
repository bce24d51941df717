/**
 * PromQL plan nodes and the operators that run them (GreptimeDB's architecture, our names): a
 * {@link dev.strata.promql.plan.node.SamplesScan} of the {@code samples} table with label matchers
 * and a widened time range pushed down, {@link dev.strata.promql.plan.node.SeriesDivide} cutting it
 * into one run per series, {@link dev.strata.promql.plan.node.InstantAlign} and
 * {@link dev.strata.promql.plan.node.RangeWindow} turning runs into values on the step grid, then
 * cross-series nodes (aggregation, vector matching, set operations). Every operator works on one
 * series at a time with primitive arrays ({@code long[]} times, {@code double[]} values).
 */
package dev.strata.promql.plan.node;
