/**
 * The vectorized physical operators: scan, filter, project, hash aggregate, hash join, sort/top-N, limit,
 * and the adapter that turns rows of the enumerable fallback into batches.
 */
package dev.strata.engine.exec.operator;
