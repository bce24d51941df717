/**
 * Prometheus HTTP API endpoints: remote-write ingest, the label, series and metadata lookups,
 * the static endpoints Grafana probes (buildinfo, rules, alerts, exemplars), query formatting,
 * and {@link dev.strata.server.api.prometheus.PrometheusJsonWriter}, the one serializer of
 * Prometheus's response shapes and value encoding.
 */
package dev.strata.server.api.prometheus;
