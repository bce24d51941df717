package dev.strata.storage.wal;

/** Observes the WAL writer (for metrics); called on the writer thread, must be cheap. */
public interface WalListener {
    WalListener NONE = new WalListener() {};

    default void written(long bytes, int records) {}

    default void synced(long nanos) {}
}
