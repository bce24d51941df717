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

    /**
     * Like {@link #open}, reading only the row groups {@code [firstRowGroup, endRowGroup)} of the
     * file (before pruning), so that the row groups of one part can be read by several threads.
     * A reader that cannot address row groups has one ({@link #rowGroupCount}), and reads it all.
     */
    default BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, int firstRowGroup,
            int endRowGroup, BufferAllocator allocator) {
        if (firstRowGroup != 0 || endRowGroup != 1) {
            throw new IllegalArgumentException("row groups [" + firstRowGroup + ", " + endRowGroup + ") of a part with one");
        }
        return open(file, meta, columns, timeRange, ids, allocator);
    }

    /** How many row groups the part file holds (the unit a scan can be split into). */
    default int rowGroupCount(Path file, PartMeta meta) {
        return 1;
    }

    /**
     * Parses what every open of the (immutable) file needs, for the part's owner to keep while
     * the file lives and hand to {@link #open(ParsedPart, Path, PartMeta, List, TimeRange, long[], int, int, BufferAllocator)};
     * null when this reader keeps nothing (decision 0024).
     */
    default ParsedPart parse(Path file, PartMeta meta) {
        return null;
    }

    /**
     * Like {@link #open(Path, PartMeta, List, TimeRange, long[], int, int, BufferAllocator)}, with
     * {@code parsed} (from {@link #parse} of the same file, or null) instead of parsing the file's
     * footer and index again; readers that keep nothing ignore it.
     */
    default BatchReader open(ParsedPart parsed, Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids,
            int firstRowGroup, int endRowGroup, BufferAllocator allocator) {
        return open(file, meta, columns, timeRange, ids, firstRowGroup, endRowGroup, allocator);
    }
}
