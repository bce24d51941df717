/**
 * Parsing PromQL text into the {@link dev.strata.promql.ast} tree: {@link dev.strata.promql.parse.PromQlParser}
 * is the entry point; {@link dev.strata.promql.parse.PromQlTokenizer} adapts the generated lexer to
 * Prometheus's lexer errors, {@link dev.strata.promql.parse.SyntaxErrorListener} words syntax errors
 * as Prometheus does, and {@link dev.strata.promql.parse.AstBuilder} builds the tree with the checks
 * Prometheus's grammar actions make.
 */
package dev.strata.promql.parse;
