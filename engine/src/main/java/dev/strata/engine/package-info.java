/**
 * The plan engine: a Calcite catalog over the store's {@link dev.strata.spi.scan.TableSource}
 * ({@code catalog}), the planner that turns a {@code RelRoot} into a plan of columnar operators
 * with an enumerable fallback ({@code planner}, {@code plan}), the executor that runs it over
 * Arrow batches under per-query memory, time and row limits ({@code exec}), and the time-series
 * nodes and operators the metrics front-ends plan into ({@code series}).
 */
package dev.strata.engine;
