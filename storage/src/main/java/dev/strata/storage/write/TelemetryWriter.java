package dev.strata.storage.write;

/**
 * The store's write side, as ingest sees it. Thread-safe: many request threads write at once and
 * share group commits. Each method returns only once the batch is durable under the configured
 * fsync policy and visible to scans; when it throws, nothing of the batch was acknowledged (it
 * may still appear after a crash if its WAL record had reached disk, which at-least-once
 * clients tolerate because a repeated sample of the same series and timestamp is kept once).
 *
 * @throws dev.strata.spi.error.StrataException with an {@code INSUFFICIENT_RESOURCES} code when a
 *     limit is hit, {@code EXTERNAL} on I/O failure
 */
public interface TelemetryWriter {
    WriteResult writeSamples(String tenant, SampleBatch batch);

    WriteResult writeLogs(String tenant, LogBatch batch);

    WriteResult writeSpans(String tenant, SpanBatch batch);
}
