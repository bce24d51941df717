package dev.strata.storage;

import dev.strata.spi.scan.TableSource;
import dev.strata.storage.write.TelemetryWriter;

/**
 * The whole store as the server holds it: the write side for ingest, the scan side for the
 * engine, and its lifecycle. Thread-safe.
 */
public interface Store extends TelemetryWriter, TableSource, AutoCloseable {
    /** Seals every head into Parquet parts and commits them to the manifest; returns when durable. */
    void flush();

    /** Flushes, stops background jobs and releases every resource; nothing acknowledged is lost. */
    @Override
    void close();
}
