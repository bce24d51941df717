/**
 * The PromQL front-end: the language (grammar, syntax tree, type checks, printer) and, later, its
 * translation into the engine's plan nodes. {@link dev.strata.promql.PromQlErrorCode} numbers its errors.
 */
package dev.strata.promql;
