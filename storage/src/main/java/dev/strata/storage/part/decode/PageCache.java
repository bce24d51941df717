package dev.strata.storage.part.decode;

/**
 * Where decoders keep what they learn about a part's pages for later reads of the same immutable
 * file (decision 0024): the {@link DeltaCheckpoints} of DELTA_BINARY_PACKED pages, keyed by the
 * page header's position in the file, and whole column chunks with their pages decompressed
 * ({@link CachedChunk}), keyed by the chunk's position, within a byte budget. Implementations are
 * thread-safe; the first entry stored for a key wins.
 */
public interface PageCache {
    /** The checkpoints of the page at {@code pageKey}, or null when none are kept yet. */
    DeltaCheckpoints deltaCheckpoints(long pageKey);

    void putDeltaCheckpoints(long pageKey, DeltaCheckpoints checkpoints);

    /** The decompressed chunk starting at {@code chunkStart}, or null when it is not kept. */
    CachedChunk chunk(long chunkStart);

    /** Whether a chunk of about {@code bytes} would fit the budget now (a hint; {@link #offerChunk} decides). */
    boolean hasRoomFor(long bytes);

    /**
     * Keeps {@code chunk} when the budget allows; returns the chunk kept for the key (this one, or
     * one another reader kept first), or null when it was not kept.
     */
    CachedChunk offerChunk(long chunkStart, CachedChunk chunk);
}
