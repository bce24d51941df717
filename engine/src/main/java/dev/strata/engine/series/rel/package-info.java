/**
 * The logical time-series nodes every metrics front-end builds with Calcite's {@code RelBuilder}
 * (GreptimeDB's plan shape on Calcite): {@link dev.strata.engine.series.rel.SeriesScan} selects series
 * by matchers, {@link dev.strata.engine.series.rel.StepAlign} aligns them to a step grid with a
 * lookback, {@link dev.strata.engine.series.rel.RangeWindow} applies a range function over a window,
 * {@link dev.strata.engine.series.rel.SeriesAggregate} aggregates across series by labels,
 * {@link dev.strata.engine.series.rel.VectorMatch} matches two vectors on labels; the rest are
 * functions, scalars and subqueries. All share the row type {@link dev.strata.engine.series.rel.SeriesRowType};
 * {@code RelOptUtil.toString} of a tree is its {@code EXPLAIN}.
 */
package dev.strata.engine.series.rel;
