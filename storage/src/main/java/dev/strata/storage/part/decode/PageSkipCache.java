package dev.strata.storage.part.decode;

/**
 * Where decoders keep what they learn about a part's pages for later reads of the same immutable
 * file: the {@link DeltaCheckpoints} of DELTA_BINARY_PACKED pages, keyed by the page header's
 * position in the file. Implementations are thread-safe; the first checkpoints stored for a page win.
 */
public interface PageSkipCache {
    /** The checkpoints of the page at {@code pageKey}, or null when none are kept yet. */
    DeltaCheckpoints deltaCheckpoints(long pageKey);

    void putDeltaCheckpoints(long pageKey, DeltaCheckpoints checkpoints);
}
