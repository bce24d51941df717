package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.part.decode.CachedChunk;
import dev.strata.storage.part.decode.DeltaCheckpoints;
import dev.strata.storage.part.decode.PageCache;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What reads of one part file need and the file cannot change (decision 0024): its parsed
 * Parquet footer, its parsed sidecar index (null without one) and, filled by the readers as they
 * go, the skip checkpoints of its DELTA_BINARY_PACKED pages and, within the reader's
 * {@link PageCacheBudget}, its column chunks decompressed. Kept by the live part that owns the
 * file and {@linkplain #close closed} when that part is dropped (compaction, retention), which
 * gives the chunks' bytes back to the budget; nothing outlives the file. Heap memory only: no
 * file handle, no Arrow buffer. Thread-safe.
 */
public final class ParsedPart implements PageCache, AutoCloseable {
    private final ParquetMetadata footer;
    private final PartIndex index;
    private final PageCacheBudget budget;
    // keys: the page header's or the chunk's position in the file, unique per page or chunk
    private final ConcurrentHashMap<Long, DeltaCheckpoints> checkpoints = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CachedChunk> chunks = new ConcurrentHashMap<>();
    private boolean closed;
    private long reserved;

    /** @param budget where decompressed chunks are accounted, or null to keep none */
    ParsedPart(ParquetMetadata footer, PartIndex index, PageCacheBudget budget) {
        this.footer = requireNonNull(footer, "footer is null");
        this.index = index;
        this.budget = budget;
    }

    ParquetMetadata footer() {
        return footer;
    }

    /** The sidecar index, or null when the part has none. */
    PartIndex index() {
        return index;
    }

    public int rowGroupCount() {
        return footer.getBlocks().size();
    }

    @Override
    public DeltaCheckpoints deltaCheckpoints(long pageKey) {
        return checkpoints.get(pageKey);
    }

    @Override
    public void putDeltaCheckpoints(long pageKey, DeltaCheckpoints pageCheckpoints) {
        checkpoints.putIfAbsent(pageKey, requireNonNull(pageCheckpoints, "pageCheckpoints is null"));
    }

    @Override
    public CachedChunk chunk(long chunkStart) {
        return chunks.get(chunkStart);
    }

    @Override
    public boolean hasRoomFor(long bytes) {
        return budget != null && budget.hasRoomFor(bytes);
    }

    @Override
    public synchronized CachedChunk offerChunk(long chunkStart, CachedChunk chunk) {
        CachedChunk kept = chunks.get(chunkStart);
        if (kept != null) {
            return kept;
        }
        if (closed || budget == null || !budget.reserve(chunk.bytes())) {
            return null;
        }
        reserved += chunk.bytes();
        chunks.put(chunkStart, chunk);
        return chunk;
    }

    /** Pages whose checkpoints are kept (for tests and memory accounting). */
    public int checkpointedPages() {
        return checkpoints.size();
    }

    /** Decompressed chunks kept. */
    public int cachedChunks() {
        return chunks.size();
    }

    /** Drops the decompressed chunks and gives their bytes back to the budget; later offers keep nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        chunks.clear();
        if (budget != null && reserved > 0) {
            budget.release(reserved);
        }
        reserved = 0;
    }
}
