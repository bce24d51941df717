/**
 * Printing the PromQL syntax tree back to text exactly as Prometheus does: the canonical one-line form
 * of {@code Expr.String()} and the indented form of {@code Pretty()} that {@code /api/v1/format_query} returns.
 */
package dev.strata.promql.print;
