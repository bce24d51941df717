package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.parquet.ImpliedEntries;
import dev.strata.storage.part.parquet.ParquetSchemas;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * Reads parts into Arrow, the row groups that survive pruning. Pruning uses the sidecar
 * index (exact id sets) and falls back to the footer's column statistics when a part has none;
 * with wanted ids and a sidecar that records each id's rows (version 2), only those rows are
 * decoded (decision 0017).
 * Required 8-byte columns (ids, times, values) go through the vectorized decoders; maps, lists and
 * text through parquet-java's record assembly (docs/decisions/0002-part-read-path.md).
 * Thread-safe; each returned reader is not.
 */
public final class ParquetPartReader implements PartReader {
    private final ReadPath readPath;
    private final PageCacheBudget pageCache;

    public ParquetPartReader() {
        this(ReadPath.VECTORIZED);
    }

    public ParquetPartReader(ReadPath readPath) {
        this(readPath, new PageCacheBudget(PageCacheBudget.DEFAULT_BYTES));
    }

    /** @param pageCache the bytes the parts this reader parses may keep decompressed, together */
    public ParquetPartReader(ReadPath readPath, PageCacheBudget pageCache) {
        this.readPath = requireNonNull(readPath, "readPath is null");
        this.pageCache = requireNonNull(pageCache, "pageCache is null");
    }

    public PageCacheBudget pageCache() {
        return pageCache;
    }

    /** Which decoder reads the required 8-byte columns; RECORD exists to measure against. */
    public enum ReadPath {
        VECTORIZED,
        RECORD
    }

    @Override
    public BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, BufferAllocator allocator) {
        return open(file, meta, columns, timeRange, ids, 0, Integer.MAX_VALUE, allocator);
    }

    @Override
    public int rowGroupCount(Path file, PartMeta meta) {
        requireNonNull(file, "file is null");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return PartFooter.read(channel).getBlocks().size();
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot read part " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ParsedPart parse(Path file, PartMeta meta) {
        requireNonNull(file, "file is null");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return parse(file, channel, pageCache);
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot read part " + file + ": " + e.getMessage(), e);
        }
    }

    private static ParsedPart parse(Path file, FileChannel channel, PageCacheBudget budget) throws IOException {
        ParquetMetadata footer = PartFooter.read(channel);
        Path sidecar = PartIndex.sidecarOf(file);
        PartIndex index = Files.exists(sidecar) ? PartIndex.read(sidecar) : null;
        if (index != null && index.rowGroups().size() != footer.getBlocks().size()) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "sidecar of " + file + " lists " + index.rowGroups().size()
                    + " row groups, the file has " + footer.getBlocks().size());
        }
        return new ParsedPart(footer, index, budget);
    }

    @Override
    public BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, int firstRowGroup,
            int endRowGroup, BufferAllocator allocator) {
        return open(null, file, meta, columns, timeRange, ids, firstRowGroup, endRowGroup, allocator);
    }

    @Override
    public BatchReader open(ParsedPart parsed, Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids,
            int firstRowGroup, int endRowGroup, BufferAllocator allocator) {
        requireNonNull(file, "file is null");
        requireNonNull(meta, "meta is null");
        requireNonNull(columns, "columns is null");
        requireNonNull(timeRange, "timeRange is null");
        requireNonNull(allocator, "allocator is null");
        String table = meta.table();
        Schema stored = StoredSchemas.schema(table);
        for (String column : columns) {
            if (!stores(stored, column)) {
                throw new StrataException(PartErrorCode.UNKNOWN_COLUMN, "table " + table + " stores no column " + column);
            }
        }
        Schema projected = StoredSchemas.project(table, columns);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
            // a parse for this open only keeps no chunks: nobody would close it
            ParsedPart part = parsed != null ? parsed : parse(file, channel, null);
            ParquetMetadata footer = part.footer();
            PartIndex index = part.index();
            List<BlockMetaData> blocks = footer.getBlocks();
            List<BlockMetaData> selected = new ArrayList<>();
            List<RowRanges> rows = new ArrayList<>();
            for (int i = Math.max(0, firstRowGroup); i < Math.min(blocks.size(), endRowGroup); i++) {
                RowGroupIndex group = index == null ? null : index.rowGroups().get(i);
                boolean keep = group != null
                        ? group.mayMatch(timeRange, ids)
                        : statisticsMayMatch(blocks.get(i), table, stored, timeRange, ids);
                if (keep) {
                    if (group != null && group.rowCount() != blocks.get(i).getRowCount()) {
                        throw new StrataException(PartErrorCode.CORRUPT_PART, "sidecar of " + file + " gives row group " + i + " "
                                + group.rowCount() + " rows, the file " + blocks.get(i).getRowCount());
                    }
                    selected.add(blocks.get(i));
                    // only the wanted ids' runs (sidecar version 2); whole groups otherwise
                    rows.add(group == null ? null : group.rowsOf(ids));
                }
            }
            // map values stored once, in a column of their row (decision 0028): that column is read too
            List<ImpliedEntries.Entry> implied = new ArrayList<>();
            List<String> read = new ArrayList<>(columns);
            for (ImpliedEntries.Entry entry : impliedEntries(footer, file, stored)) {
                if (columns.contains(entry.map())) {
                    implied.add(entry);
                    if (!read.contains(entry.column())) {
                        read.add(entry.column());
                    }
                }
            }
            if (!implied.isEmpty()) {
                projected = StoredSchemas.project(table, read);
            }
            // checkpoints are only worth keeping where the parse is kept too
            BatchReader reader = new ParquetBatchReader(channel, footer.getFileMetaData().getSchema(), selected, rows, projected,
                    allocator, readPath, parsed);
            channel = null;
            return implied.isEmpty() ? reader : new ImpliedEntriesReader(reader, columns.size(), read, implied);
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot read part " + file + ": " + e.getMessage(), e);
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // the original failure is what matters
                }
            }
        }
    }

    private static boolean stores(Schema stored, String column) {
        for (Field field : stored.getFields()) {
            if (field.getName().equals(column)) {
                return true;
            }
        }
        return false;
    }

    /** The implied map entries the part's footer names (none for parts written before decision 0028). */
    private static List<ImpliedEntries.Entry> impliedEntries(ParquetMetadata footer, Path file, Schema stored) {
        List<ImpliedEntries.Entry> entries;
        try {
            entries = ImpliedEntries.of(footer.getFileMetaData().getKeyValueMetaData()).entries();
        } catch (IllegalArgumentException e) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "part " + file + ": " + e.getMessage(), e);
        }
        for (ImpliedEntries.Entry entry : entries) {
            if (stored.findField(entry.map()) == null || stored.findField(entry.column()) == null) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "part " + file + " implies " + entry + " over columns it does not store");
            }
        }
        return entries;
    }

    /** Without a sidecar: min/max statistics of the time and id columns. */
    private static boolean statisticsMayMatch(BlockMetaData block, String table, Schema stored, TimeRange range, long[] ids) {
        String timeColumn = StoredSchemas.timeColumn(table);
        String idColumn = StoredSchemas.idColumn(table);
        for (ColumnChunkMetaData column : block.getColumns()) {
            ColumnPath path = column.getPath();
            Statistics<?> statistics = column.getStatistics();
            if (statistics == null || !statistics.hasNonNullValue() || path.size() != 1) {
                continue;
            }
            String name = path.toArray()[0];
            if (name.equals(timeColumn) && !range.isAll()) {
                long scale = ParquetSchemas.nanosPerUnit(stored.findField(name));
                long min = (Long) statistics.genericGetMin() * scale;
                long max = (Long) statistics.genericGetMax() * scale;
                if (!range.overlaps(min, max)) {
                    return false;
                }
            } else if (name.equals(idColumn) && ids != null) {
                long min = (Long) statistics.genericGetMin();
                long max = (Long) statistics.genericGetMax();
                int at = Arrays.binarySearch(ids, min);
                int first = at >= 0 ? at : -at - 1;
                if (first >= ids.length || ids[first] > max) {
                    return false;
                }
            }
        }
        return true;
    }
}
