/**
 * The head: per tenant, in-memory columnar buffers of everything written since the last seal
 * (compressed sample chunks per series, per-stream columns for logs, span records), visible to scans as
 * soon as a write returns, plus the registries that map label sets to stable series and stream
 * ids and keep them across seals and restarts. Head readers turn a snapshot (or a slice of it:
 * whole series in id order, for parallel scans) into sorted Arrow batches of the
 * {@code TelemetryTables} schemas, for scans and for sealing.
 */
package dev.strata.storage.head;
