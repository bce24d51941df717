/**
 * The vectorized physical operators: scan, filter, project, hash aggregate (and its parallel form,
 * partial aggregations per worker merged), hash join, sort/top-N, limit, and the adapter that turns
 * rows of the enumerable fallback into batches.
 */
package dev.strata.engine.exec.operator;
