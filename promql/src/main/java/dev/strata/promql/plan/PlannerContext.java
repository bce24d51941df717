package dev.strata.promql.plan;

/**
 * Query-wide planning state: the query's own start and end (for {@code @ start()}/{@code end()}),
 * the lookback delta and the step of subqueries that give none.
 */
public record PlannerContext(long queryStartMs, long queryEndMs, long lookbackMs, long defaultSubqueryStepMs) {}
