/**
 * Structured logging support: the W3C {@code traceparent} of an incoming request becomes
 * {@code trace_id} in the logging context (MDC) while the request is served; {@code logback.xml}
 * prints one {@code key=value} line per event.
 */
package dev.strata.server.logging;
