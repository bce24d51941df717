/**
 * Execution: the pull-based {@link dev.strata.engine.exec.Operator} contract, the per-query
 * {@link dev.strata.engine.exec.QueryContext} (allocator, deadline, cancel flag), the
 * {@link dev.strata.engine.exec.QueryExecutor} and the streaming {@link dev.strata.engine.exec.QueryResult}.
 */
package dev.strata.engine.exec;
