/**
 * Strata observing itself: the server's request and ingest metrics and the {@code /metrics}
 * endpoint that exposes the whole process registry (server, store, JVM) in Prometheus text format.
 */
package dev.strata.server.metrics;
