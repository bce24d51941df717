/**
 * End-to-end ingest load runs: start the real server jar on a fresh data directory, send
 * pre-encoded log pushes (Loki JSON, Loki protobuf + snappy, OTLP/HTTP protobuf) or OTLP span
 * exports over a few concurrent connections, flush, and report throughput (wall and per server
 * CPU-second read from {@code /proc}) and bytes on disk. Never run in CI.
 */
package dev.strata.bench.ingest;
