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

    /**
     * Asks for column {@code column} of {@link #root()} in dictionary form, where the reader can
     * give it so: then a batch may hold in that column's vector not one value per row but distinct
     * values (a dictionary, nulls allowed, duplicates allowed), and {@link #dictionaryIds} maps
     * each row to its entry. Saves decoding a value per row where the values repeat (dictionary
     * pages, a series' labels). Returns whether the reader may do so; call before the first
     * {@link #loadNext()}. Readers that cannot ignore it.
     */
    default boolean requestDictionary(int column) {
        return false;
    }

    /**
     * For a column asked for with {@link #requestDictionary}: when the current batch holds it in
     * dictionary form, the entry of each row ({@code ids[r]} for {@code 0 <= r < rowCount}) in the
     * column's vector; null when this batch holds it plain, one value per row. Borrowed, valid
     * until the next {@link #loadNext()}.
     */
    default int[] dictionaryIds(int column) {
        return null;
    }

    @Override
    void close();
}
