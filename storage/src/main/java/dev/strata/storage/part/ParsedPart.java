package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.part.decode.DeltaCheckpoints;
import dev.strata.storage.part.decode.PageSkipCache;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * What every open of one part file needs and the file cannot change (decision 0024): its parsed
 * Parquet footer, its parsed sidecar index (null without one) and, filled by the readers as they
 * walk pages, the skip checkpoints of its DELTA_BINARY_PACKED pages. Kept by the live part that
 * owns the file and dropped with it (compaction, retention), so nothing outlives the file. Holds
 * heap memory only: no file handle, no Arrow buffer. Thread-safe.
 */
public final class ParsedPart implements PageSkipCache {
    private final ParquetMetadata footer;
    private final PartIndex index;
    // key: the page's header position in the file, unique per page
    private final ConcurrentHashMap<Long, DeltaCheckpoints> checkpoints = new ConcurrentHashMap<>();

    ParsedPart(ParquetMetadata footer, PartIndex index) {
        this.footer = requireNonNull(footer, "footer is null");
        this.index = index;
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

    /** Pages whose checkpoints are kept (for tests and memory accounting). */
    public int checkpointedPages() {
        return checkpoints.size();
    }
}
