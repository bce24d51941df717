/**
 * Translation of the PromQL AST into plan nodes ({@link dev.strata.engine.series.exec}): one planner
 * class per AST family (selectors, calls, aggregations, binary expressions) sharing a
 * {@link dev.strata.promql.plan.PlannerContext}, and {@link dev.strata.promql.plan.PromQlEngine}, which
 * plans, explains and runs queries against a {@link dev.strata.spi.scan.TableSource}.
 */
package dev.strata.promql.plan;
