/**
 * Server-independent writers of query results to an {@code OutputStream}: JSON, CSV and the
 * Arrow IPC stream ({@link dev.strata.sql.format.ResultFormat}).
 */
package dev.strata.sql.format;
