package dev.strata.storage.part;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Reads a part into Arrow batches of the stored schema, projected to {@code columns} (in that
 * order). Row groups and pages whose statistics exclude {@code timeRange} or every id of
 * {@code ids} are skipped; rows outside them may still be returned (the caller filters exactly).
 * Thread-safe; each returned reader is not.
 *
 * @param ids sorted, distinct series/stream ids to keep, or null for all
 */
public interface PartReader {
    BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, BufferAllocator allocator);
}
