/**
 * Side-by-side runs of Strata's query engine against DuckDB over the same Parquet parts the store
 * wrote, and over the store's in-memory head; manual, never part of CI.
 */
package dev.strata.bench.engine;
