/**
 * The SQL console API ({@code /api/v1/sql}): request parsing, format negotiation and streaming a
 * {@link dev.strata.sql.SqlQueryService} result as JSON, CSV or an Arrow IPC stream.
 */
package dev.strata.server.api.sql;
