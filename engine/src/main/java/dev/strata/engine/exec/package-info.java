/**
 * Execution: the pull-based {@link dev.strata.engine.exec.Operator} contract, the per-query
 * {@link dev.strata.engine.exec.QueryContext} (allocator, deadline, cancel flag, worker contexts),
 * the {@link dev.strata.engine.exec.QueryExecutor}, the streaming
 * {@link dev.strata.engine.exec.QueryResult}, and the process-wide
 * {@link dev.strata.engine.exec.QueryWorkerPool} with the {@link dev.strata.engine.exec.SplitQueue}
 * through which one query's workers share the splits of a scan.
 */
package dev.strata.engine.exec;
