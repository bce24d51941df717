/**
 * The PromQL abstract syntax tree: immutable records under the sealed {@link dev.strata.promql.ast.Expr}
 * interface, each carrying the {@link dev.strata.promql.ast.PositionRange} it was parsed from, plus the
 * operator, type and function-signature vocabulary they refer to. The tree mirrors Prometheus's
 * {@code promql/parser} AST so that printing it gives Prometheus's canonical query text.
 */
package dev.strata.promql.ast;
