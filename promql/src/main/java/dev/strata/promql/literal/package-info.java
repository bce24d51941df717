/**
 * PromQL literal syntax shared by the parser and the printer: string quoting and unquoting with Go's
 * escape rules, Prometheus duration strings ({@code 1h30m}) and number literals (hex, octal,
 * underscores, {@code Inf}, {@code NaN}), each with Prometheus's error messages.
 */
package dev.strata.promql.literal;
