/**
 * Server-independent writers of query results to an {@code OutputStream}: JSON, CSV, the
 * Arrow IPC stream and Parquet ({@link dev.strata.sql.format.ResultFormat}).
 */
package dev.strata.sql.format;
