package dev.strata.spi.scan;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a split as Arrow batches, like Arrow's {@code ArrowReader}: {@link #root()} is one reused
 * root whose vectors are reloaded by every {@link #loadNext()}; what it holds is borrowed and
 * valid only until the next call to {@code loadNext()} or {@code close()}. Not thread-safe.
 * Memory comes from the allocator passed to {@link TableSource#open}; {@code close()} returns all
 * of it.
 */
public interface BatchReader extends AutoCloseable {
    /** Loads the next batch into {@link #root()}; false at the end (the root is then empty). */
    boolean loadNext();

    VectorSchemaRoot root();

    @Override
    void close();
}
