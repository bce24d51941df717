/**
 * In-process PromQL timing: the peer-bench dashboard queries evaluated by the PromQL engine
 * straight over a store flushed to Parquet parts, with wall and thread CPU time per query, to find
 * read-path costs without the HTTP server and the Python load generator in the way.
 */
package dev.strata.bench.promql;
