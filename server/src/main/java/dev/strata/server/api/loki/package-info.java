/** Loki HTTP API endpoints: push ingest now, the query API later. */
package dev.strata.server.api.loki;
