/** Prometheus HTTP API endpoints: remote-write ingest now, the query API later. */
package dev.strata.server.api.prometheus;
