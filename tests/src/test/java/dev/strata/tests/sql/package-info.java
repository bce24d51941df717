/**
 * End-to-end SQL tests over the real store: the {@code sql} module's differential cases run on
 * data in the head and in Parquet parts, with DuckDB over the store's own parts as the oracle.
 */
package dev.strata.tests.sql;
