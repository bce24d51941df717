/**
 * The ingest-facing write API of the store: the batches ingest decodes each protocol into
 * (samples with metadata, log streams, spans) and {@link dev.strata.storage.write.TelemetryWriter},
 * whose calls return once a batch is durable and visible.
 */
package dev.strata.storage.write;
