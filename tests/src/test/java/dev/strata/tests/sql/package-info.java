/**
 * End-to-end SQL tests: the {@code sql} module's differential cases run over the real store on
 * data in the head and in Parquet parts, with DuckDB over the store's own parts as the oracle; and
 * PromQL inside SQL ({@code TABLE(promql(...))}) checked against the PromQL API's evaluation.
 */
package dev.strata.tests.sql;
