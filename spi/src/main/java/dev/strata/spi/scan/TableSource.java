package dev.strata.spi.scan;

import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The store as the engine sees it. Thread-safe. Schemas of the tables are those of
 * {@link dev.strata.spi.table.TelemetryTables}; a scan yields the projected subset of the columns
 * in the order the request names them.
 */
public interface TableSource {
    /** The tenants that hold data. */
    Set<String> tenants();

    Schema schema(String table);

    /**
     * The splits holding rows that may satisfy the request, pruned by time, statistics and
     * index. The set is a consistent snapshot: a part sealed or compacted afterwards changes
     * neither which rows these splits return nor whether they can still be opened.
     */
    List<Split> splits(ScanRequest request);

    /** Opens one split of {@link #splits}; buffers come from {@code allocator}. */
    BatchReader open(ScanRequest request, Split split, BufferAllocator allocator);

    /** Releases the snapshot taken by {@link #splits} (lets compaction delete replaced files). */
    default void release(List<Split> splits) {}
}
