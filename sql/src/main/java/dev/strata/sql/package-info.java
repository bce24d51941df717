/**
 * The SQL front-end: Calcite's parser and validator configured for Strata
 * ({@link dev.strata.sql.SqlFrontend}) and the service the SQL console calls
 * ({@link dev.strata.sql.SqlQueryService}), with plan caching and warm-up.
 */
package dev.strata.sql;
