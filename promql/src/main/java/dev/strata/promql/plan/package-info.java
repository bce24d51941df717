/**
 * Translation of the PromQL AST into the engine's series plan ({@link dev.strata.engine.series.rel}
 * nodes built with a {@code RelBuilder}): one planner class per AST family (selectors, calls,
 * aggregations, binary expressions) sharing a {@link dev.strata.promql.plan.PlannerContext}.
 * Nothing here evaluates: {@link dev.strata.promql.plan.PromQlEngine} hands the plan to the
 * engine's executor, and {@link dev.strata.promql.plan.PromQlLanguage} offers PromQL to SQL as the
 * {@code promql()} table function.
 */
package dev.strata.promql.plan;
