/**
 * OTLP traces, logs and metrics (protobuf, OTLP/JSON with hex ids, gzip, or messages parsed by
 * the gRPC server), mapped to spans, Loki-style log streams and Prometheus series named as
 * Prometheus's OTLP receiver names them.
 */
package dev.strata.ingest.otlp;
