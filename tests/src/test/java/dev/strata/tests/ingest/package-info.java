/**
 * End-to-end ingest tests: real clients (Prometheus 2.42, the OpenTelemetry Java SDK, Loki push
 * in JSON and protobuf) write into the real server; after {@code POST /flush} DuckDB reads the
 * Parquet parts in place and must see exactly what was sent, and bad input must be refused
 * without changing anything stored.
 */
package dev.strata.tests.ingest;
