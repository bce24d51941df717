package dev.strata.storage.part;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.decode.ArrowRecordMaterializer;
import dev.strata.storage.part.decode.ColumnChunkPages;
import dev.strata.storage.part.decode.FixedWidthChunkDecoder;
import dev.strata.storage.part.decode.PageCache;
import dev.strata.storage.part.decode.RecordPathPages;
import dev.strata.storage.part.decode.SplitValueDecoder;
import dev.strata.storage.part.decode.StringMapChunkDecoder;
import dev.strata.storage.part.decode.VarCharChunkDecoder;
import dev.strata.storage.part.parquet.SampleValues;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;

/**
 * Batches into one reused root: when every projected column has a vectorized decoder, up to
 * {@link #SLICE_ROWS} rows at a time of the selected row groups, only the {@link RowRanges} of a
 * group that has them (the rows between are skipped, decision 0017; text and map columns cannot
 * skip, so with them groups are read whole); otherwise one batch per row group. Each projected column is decoded by a
 * {@link FixedWidthChunkDecoder} (8-byte columns), a {@link VarCharChunkDecoder}
 * (text), a {@link StringMapChunkDecoder} (string maps) or assembled by the record path; the choice is made once, from the file
 * schema and the encodings of every selected chunk.
 */
final class ParquetBatchReader implements BatchReader {
    /**
     * Rows per batch when every projected column is decoded by the vectorized path: 64 Ki rows
     * keep the batch (512 KiB per 8-byte column) in cache between decoding and the consumer's loop;
     * whole 1 M-row row groups spilled to memory and ran several times slower (decision 0002).
     */
    static final int SLICE_ROWS = 1 << 16;
    /**
     * In dictionary form, a dictionary page is copied into each batch that uses it when it has at
     * most this many entries (a level, a metric name); larger ones cost more to copy per batch than
     * a value per row.
     */
    static final int MAX_SHARED_ENTRIES = SLICE_ROWS / 8;
    private static final ColumnPath DOUBLE_PATH = ColumnPath.get(SampleValues.DOUBLE_COLUMN);
    private static final ColumnPath INT_PATH = ColumnPath.get(SampleValues.INT_COLUMN);
    private static final ColumnPath DIV_PATH = ColumnPath.get(SampleValues.DIV_COLUMN);

    private final FileChannel channel;
    private final List<BlockMetaData> blocks;
    /** The part's decompressed chunks and skip checkpoints, kept across readers of the file; null when none are kept. */
    private final PageCache pageCache;
    private final VectorSchemaRoot root;
    private final List<BaseFixedWidthVector> fastVectors = new ArrayList<>();
    private final List<ColumnPath> fastPaths = new ArrayList<>();
    private final List<FixedWidthChunkDecoder> decoders = new ArrayList<>();
    private final List<VarCharVector> textVectors = new ArrayList<>();
    private final List<ColumnPath> textPaths = new ArrayList<>();
    private final List<VarCharChunkDecoder> textDecoders = new ArrayList<>();
    /** Per text column: its ids when asked for in dictionary form, else null; and its entry count. */
    private final List<int[]> textIds = new ArrayList<>();
    private int[] textEntries = new int[0];
    private final List<MapVector> mapVectors = new ArrayList<>();
    private final List<StringMapChunkDecoder> mapDecoders = new ArrayList<>();
    /** Per map column: its ids when asked for in dictionary form, else null; and its map count. */
    private final List<int[]> mapIds = new ArrayList<>();
    private int[] mapEntries = new int[0];
    private final List<FieldVector> recordVectors = new ArrayList<>();
    /** The {@code samples.value} vector when the part stores it split (SampleValues), else null. */
    private final BaseFixedWidthVector splitVector;
    private final SplitValueDecoder splitDecoder;
    private final MessageColumnIO recordColumns;
    private final ArrowRecordMaterializer materializer;
    private final ColumnChunkPages recordPages;
    private final boolean sliced;
    /** Per block, the rows to read, or null for all of them (only the sliced path skips rows). */
    private final List<RowRanges> selections;
    private int next;
    private int blockRows;
    private int blockRead;
    private final int sliceCapacity;
    private RowRanges ranges;
    private int range;
    private int rangeCount;

    /**
     * @param selections per block of {@code blocks}, the rows to read or null for all; honoured when
     *     every projected column is sliced, otherwise whole blocks are read (callers filter rows)
     * @param pageCache where the part's decompressed chunks and delta pages' skip checkpoints are kept, or null
     */
    ParquetBatchReader(FileChannel channel, MessageType fileSchema, List<BlockMetaData> blocks, List<RowRanges> selections,
            Schema projected, BufferAllocator allocator, ParquetPartReader.ReadPath readPath, PageCache pageCache) {
        this.channel = channel;
        this.pageCache = pageCache;
        this.blocks = blocks;
        if (selections.size() != blocks.size()) {
            throw new IllegalArgumentException("one selection per block");
        }
        this.root = VectorSchemaRoot.create(projected, allocator);
        List<Type> recordTypes = new ArrayList<>();
        BaseFixedWidthVector split = null;
        for (FieldVector vector : root.getFieldVectors()) {
            String name = vector.getName();
            Type type = fileSchema.getType(name);
            if (name.equals(SampleValues.DOUBLE_COLUMN) && SampleValues.isSplit(fileSchema)) {
                // on either read path: the record path has no way to join the three columns
                if (!allChunksSplitDecodable(fileSchema)) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "split value columns with unsupported encodings");
                }
                split = (BaseFixedWidthVector) vector;
            } else if (readPath == ParquetPartReader.ReadPath.VECTORIZED && vector instanceof BaseFixedWidthVector fixed
                    && fixed.getTypeWidth() == 8 && allChunksDecodable(type, ColumnPath.get(name))) {
                fastVectors.add(fixed);
                fastPaths.add(ColumnPath.get(name));
                decoders.add(new FixedWidthChunkDecoder());
            } else if (readPath == ParquetPartReader.ReadPath.VECTORIZED && vector instanceof VarCharVector text
                    && allChunksText(type, ColumnPath.get(name))) {
                textVectors.add(text);
                textPaths.add(ColumnPath.get(name));
                textDecoders.add(new VarCharChunkDecoder(type));
                textIds.add(null);
            } else if (readPath == ParquetPartReader.ReadPath.VECTORIZED && vector instanceof MapVector map && allChunksStringMap(type)) {
                mapVectors.add(map);
                mapDecoders.add(new StringMapChunkDecoder(type.asGroupType()));
                mapIds.add(null);
            } else {
                recordVectors.add(vector);
                recordTypes.add(type);
            }
        }
        splitVector = split;
        splitDecoder = split == null ? null : new SplitValueDecoder(allocator);
        if (recordTypes.isEmpty()) {
            recordColumns = null;
            materializer = null;
            recordPages = null;
        } else {
            MessageType requested = new MessageType(fileSchema.getName(), recordTypes);
            recordColumns = new ColumnIOFactory().getColumnIO(requested, fileSchema, true);
            materializer = new ArrowRecordMaterializer(recordVectors);
            recordPages = new ColumnChunkPages();
        }
        // text and map decoders cannot skip rows: with a row selection they read whole groups (a selection is a hint)
        sliced = recordVectors.isEmpty() && !root.getFieldVectors().isEmpty()
                && (textVectors.isEmpty() && mapVectors.isEmpty() || selections.stream().allMatch(r -> r == null));
        this.selections = sliced ? new ArrayList<>(selections) : new ArrayList<>(Collections.nCopies(blocks.size(), (RowRanges) null));
        long selected = 0;
        for (int i = 0; i < blocks.size(); i++) {
            RowRanges r = this.selections.get(i);
            selected += r == null ? blocks.get(i).getRowCount() : r.rows();
        }
        // a batch never holds more than this, so small parts get small vectors
        sliceCapacity = (int) Math.min(SLICE_ROWS, selected);
    }

    private boolean allChunksSplitDecodable(MessageType fileSchema) {
        Type doubleType = fileSchema.getType(SampleValues.DOUBLE_COLUMN);
        Type intType = fileSchema.getType(SampleValues.INT_COLUMN);
        Type divType = fileSchema.getType(SampleValues.DIV_COLUMN);
        for (BlockMetaData block : blocks) {
            Map<ColumnPath, ColumnChunkMetaData> chunks = chunksOf(block);
            if (!SplitValueDecoder.supports(doubleType, chunks.get(DOUBLE_PATH), intType, chunks.get(INT_PATH), divType,
                    chunks.get(DIV_PATH))) {
                return false;
            }
        }
        return true;
    }

    private void startSplit(Map<ColumnPath, ColumnChunkMetaData> chunks, int rows) throws IOException {
        splitDecoder.start(channel, chunks.get(DOUBLE_PATH), chunks.get(INT_PATH), chunks.get(DIV_PATH), rows, pageCache);
    }

    private static void setAllValid(BaseFixedWidthVector vector, int rows) {
        // required in the scan schema: every row is valid
        MemoryUtil.setMemory(vector.getValidityBuffer().memoryAddress(), (rows + 7) / 8, (byte) 0xFF);
    }

    private boolean allChunksDecodable(Type type, ColumnPath path) {
        for (BlockMetaData block : blocks) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (column.getPath().equals(path) && !FixedWidthChunkDecoder.supports(type, column)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean allChunksText(Type type, ColumnPath path) {
        for (BlockMetaData block : blocks) {
            for (ColumnChunkMetaData column : block.getColumns()) {
                if (column.getPath().equals(path) && !VarCharChunkDecoder.supports(type, column)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean allChunksStringMap(Type type) {
        for (BlockMetaData block : blocks) {
            if (!StringMapChunkDecoder.supports(type, chunksOf(block))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean loadNext() {
        return sliced ? loadNextSlice() : loadNextRowGroup();
    }

    /**
     * The next up to {@link #SLICE_ROWS} selected rows: the ranges of the current row group (all
     * of it when it has no selection), skipping the rows between them, then those of the next
     * groups. A group read to its end is checked to hold exactly its rows.
     */
    private boolean loadNextSlice() {
        try {
            int out = 0;
            while (out < SLICE_ROWS) {
                if (range == rangeCount) {
                    if (!startNextBlock()) {
                        break;
                    }
                    continue;
                }
                int from = ranges == null ? 0 : ranges.start(range);
                int to = ranges == null ? blockRows : ranges.end(range);
                if (blockRead < from) {
                    skipRows(from - blockRead);
                    blockRead = from;
                }
                int take = Math.min(to - blockRead, SLICE_ROWS - out);
                if (out == 0) {
                    reserve(sliceCapacity);
                }
                for (int i = 0; i < fastVectors.size(); i++) {
                    decoders.get(i).next(take, fastVectors.get(i).getDataBuffer().memoryAddress() + 8L * out);
                }
                if (splitVector != null) {
                    splitDecoder.next(take, splitVector.getDataBuffer().memoryAddress() + 8L * out);
                }
                for (int i = 0; i < textVectors.size(); i++) {
                    int[] ids = textIds.get(i);
                    if (ids == null) {
                        textDecoders.get(i).next(take, textVectors.get(i), out);
                    } else {
                        textEntries[i] = textDecoders.get(i).nextIds(take, textVectors.get(i), ids, out, MAX_SHARED_ENTRIES);
                    }
                }
                for (int i = 0; i < mapVectors.size(); i++) {
                    int[] ids = mapIds.get(i);
                    if (ids == null) {
                        mapDecoders.get(i).next(take, mapVectors.get(i), out);
                    } else {
                        mapEntries[i] = mapDecoders.get(i).nextIds(take, mapVectors.get(i), ids, out, MAX_SHARED_ENTRIES);
                    }
                }
                blockRead += take;
                out += take;
                if (blockRead == to) {
                    range++;
                    if (blockRead == blockRows) {
                        finishBlock();
                    }
                }
            }
            for (BaseFixedWidthVector vector : fastVectors) {
                setAllValid(vector, out);
            }
            if (splitVector != null) {
                setAllValid(splitVector, out);
            }
            root.setRowCount(out);
            for (int i = 0; i < textVectors.size(); i++) {
                if (textIds.get(i) != null) {
                    // setRowCount gave it a value per row; in dictionary form it holds its entries
                    textVectors.get(i).setValueCount(out == 0 ? 0 : textEntries[i]);
                }
            }
            for (int i = 0; i < mapVectors.size(); i++) {
                if (mapIds.get(i) != null) {
                    mapVectors.get(i).setValueCount(out == 0 ? 0 : mapEntries[i]);
                }
            }
            return out > 0;
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot read row group: " + e.getMessage(), e);
        }
    }

    /** Positions the decoders on the next selected row group with rows to read; false after the last. */
    private boolean startNextBlock() throws IOException {
        while (next < blocks.size()) {
            BlockMetaData block = blocks.get(next);
            ranges = selections.get(next);
            next++;
            blockRows = Math.toIntExact(block.getRowCount());
            blockRead = 0;
            range = 0;
            rangeCount = ranges == null ? (blockRows == 0 ? 0 : 1) : ranges.count();
            if (rangeCount == 0) {
                continue;
            }
            if (ranges != null && ranges.end(rangeCount - 1) > blockRows) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "sidecar selects rows past the " + blockRows + " of a row group");
            }
            Map<ColumnPath, ColumnChunkMetaData> chunks = chunksOf(block);
            for (int i = 0; i < fastVectors.size(); i++) {
                decoders.get(i).start(channel, chunks.get(fastPaths.get(i)), blockRows, false, pageCache);
            }
            if (splitVector != null) {
                startSplit(chunks, blockRows);
            }
            for (int i = 0; i < textVectors.size(); i++) {
                textDecoders.get(i).start(channel, chunks.get(textPaths.get(i)), blockRows);
            }
            for (StringMapChunkDecoder decoder : mapDecoders) {
                decoder.start(channel, chunks, blockRows);
            }
            return true;
        }
        return false;
    }

    private void skipRows(int n) throws IOException {
        for (FixedWidthChunkDecoder decoder : decoders) {
            decoder.skip(n);
        }
        if (splitDecoder != null) {
            splitDecoder.skip(n);
        }
    }

    /** Room for {@code rows} values in every sliced vector. */
    private void reserve(int rows) {
        for (BaseFixedWidthVector vector : fastVectors) {
            if (vector.getValueCapacity() < rows) {
                vector.clear();
                vector.allocateNew(rows);
            }
        }
        if (splitVector != null && splitVector.getValueCapacity() < rows) {
            splitVector.clear();
            splitVector.allocateNew(rows);
        }
        for (int i = 0; i < mapVectors.size(); i++) {
            if (mapIds.get(i) == null) {
                mapDecoders.get(i).reserve(mapVectors.get(i), rows);
            }
        }
    }

    private void finishBlock() throws IOException {
        for (FixedWidthChunkDecoder decoder : decoders) {
            decoder.finish();
        }
        if (splitDecoder != null) {
            splitDecoder.finish();
        }
        for (VarCharChunkDecoder decoder : textDecoders) {
            decoder.finish();
        }
        for (StringMapChunkDecoder decoder : mapDecoders) {
            decoder.finish();
        }
    }

    private static Map<ColumnPath, ColumnChunkMetaData> chunksOf(BlockMetaData block) {
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData column : block.getColumns()) {
            chunks.put(column.getPath(), column);
        }
        return chunks;
    }

    private boolean loadNextRowGroup() {
        if (next >= blocks.size()) {
            root.setRowCount(0);
            return false;
        }
        BlockMetaData block = blocks.get(next++);
        int rows = Math.toIntExact(block.getRowCount());
        Map<ColumnPath, ColumnChunkMetaData> chunks = chunksOf(block);
        try {
            for (int i = 0; i < fastVectors.size(); i++) {
                BaseFixedWidthVector vector = fastVectors.get(i);
                if (vector.getValueCapacity() < rows) {
                    vector.clear();
                    vector.allocateNew(rows);
                }
                decoders.get(i).decode(channel, chunks.get(fastPaths.get(i)), rows, vector);
            }
            if (splitVector != null) {
                if (splitVector.getValueCapacity() < rows) {
                    splitVector.clear();
                    splitVector.allocateNew(rows);
                }
                startSplit(chunks, rows);
                splitDecoder.next(rows, splitVector.getDataBuffer().memoryAddress());
                splitDecoder.finish();
                setAllValid(splitVector, rows);
            }
            for (int i = 0; i < textVectors.size(); i++) {
                textDecoders.get(i).decode(channel, chunks.get(textPaths.get(i)), rows, textVectors.get(i));
            }
            for (int i = 0; i < mapVectors.size(); i++) {
                mapDecoders.get(i).decode(channel, chunks, rows, mapVectors.get(i));
            }
            if (materializer != null) {
                for (FieldVector vector : recordVectors) {
                    vector.clear();
                    vector.allocateNew();
                }
                materializer.reset();
                RecordReader<Void> records = recordColumns.getRecordReader(
                        new RecordPathPages(channel, chunks, rows, recordPages), materializer);
                for (int r = 0; r < rows; r++) {
                    records.read();
                }
            }
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot read row group: " + e.getMessage(), e);
        }
        root.setRowCount(rows);
        return true;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    /**
     * Text and string-map columns decoded slice by slice can come in dictionary form: dictionary
     * pages copied once per batch, a map per run of rows with the same entries.
     */
    @Override
    public boolean requestDictionary(int column) {
        if (!sliced || column < 0 || column >= root.getFieldVectors().size()) {
            return false;
        }
        int text = textVectors.indexOf(root.getVector(column));
        int map = mapVectors.indexOf(root.getVector(column));
        if (map >= 0) {
            if (mapIds.get(map) == null) {
                mapIds.set(map, new int[SLICE_ROWS]);
                mapEntries = new int[mapVectors.size()];
            }
            return true;
        }
        if (text < 0) {
            return false;
        }
        if (textIds.get(text) == null) {
            textIds.set(text, new int[SLICE_ROWS]);
            textEntries = new int[textVectors.size()];
        }
        return true;
    }

    @Override
    public int[] dictionaryIds(int column) {
        if (!sliced || column < 0 || column >= root.getFieldVectors().size()) {
            return null;
        }
        int text = textVectors.indexOf(root.getVector(column));
        if (text >= 0) {
            return textIds.get(text);
        }
        int map = mapVectors.indexOf(root.getVector(column));
        return map < 0 ? null : mapIds.get(map);
    }

    @Override
    public void close() {
        try (channel) {
            root.close();
            decoders.forEach(FixedWidthChunkDecoder::close);
            textDecoders.forEach(VarCharChunkDecoder::close);
            mapDecoders.forEach(StringMapChunkDecoder::close);
            if (splitDecoder != null) {
                splitDecoder.close();
            }
            if (recordPages != null) {
                recordPages.close();
            }
        } catch (IOException e) {
            throw new StrataException(PartErrorCode.PART_IO, "cannot close part: " + e.getMessage(), e);
        }
    }
}
