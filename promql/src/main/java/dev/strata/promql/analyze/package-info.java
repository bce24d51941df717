/**
 * Semantic analysis of PromQL as Prometheus's parser does it after building the tree: the function
 * signatures ({@link dev.strata.promql.analyze.FunctionRegistry}) and the type and modifier rules
 * ({@link dev.strata.promql.analyze.TypeChecker}).
 */
package dev.strata.promql.analyze;
