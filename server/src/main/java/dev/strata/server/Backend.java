package dev.strata.server;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestService;
import dev.strata.storage.Store;

/**
 * The storage and ingest services the server fronts. Closing it closes the store, which flushes
 * (nothing acknowledged is lost).
 */
public record Backend(Store store, IngestService ingest) implements AutoCloseable {
    public Backend {
        requireNonNull(store, "store is null");
        requireNonNull(ingest, "ingest is null");
    }

    @Override
    public void close() {
        store.close();
    }
}
