/**
 * Harnesses for end-to-end tests: the real Strata jar and Debian's Prometheus started as child
 * processes on free loopback ports with temporary data directories, a loopback HTTP client, and
 * DuckDB reading Strata's Parquet parts in place as the independent oracle of what was stored.
 */
package dev.strata.tests.harness;
