/**
 * Ingest: every write protocol Strata speaks (Prometheus remote write, Loki push, OTLP), from
 * request bytes to batches handed to the store's {@link dev.strata.storage.write.TelemetryWriter}.
 * {@link dev.strata.ingest.IngestService} is what the HTTP and gRPC servers call;
 * {@link dev.strata.ingest.DefaultIngestService} wires one handler per protocol package.
 */
package dev.strata.ingest;
