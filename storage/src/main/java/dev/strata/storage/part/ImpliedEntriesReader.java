package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.parquet.ImpliedEntries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Puts back the map values a part stores as null because a column of the row holds them
 * ({@link ImpliedEntries}, decision 0028), so a scan sees the maps as they were written. Reads
 * through a reader whose projection is the caller's columns followed by the source columns the
 * caller did not ask for; {@link #root()} holds only the caller's. A batch whose maps have no null
 * value is handed on untouched; otherwise the map's value vector is rebuilt once, in one pass. Not
 * thread-safe.
 */
final class ImpliedEntriesReader implements BatchReader {
    private final BatchReader inner;
    private final VectorSchemaRoot root;
    private final List<Fill> fills;

    /**
     * @param inner reads {@code columns} (the caller's, first) and then any source column not among them
     * @param visible how many leading columns of {@code inner} the caller asked for
     * @param columns the names of {@code inner}'s columns, in order
     * @param entries the implied entries whose map is among the visible columns and whose column is in {@code columns}
     */
    ImpliedEntriesReader(BatchReader inner, int visible, List<String> columns, List<ImpliedEntries.Entry> entries) {
        this.inner = requireNonNull(inner, "inner is null");
        List<FieldVector> all = inner.root().getFieldVectors();
        this.root = new VectorSchemaRoot(new ArrayList<>(all.subList(0, visible)));
        List<Fill> byMap = new ArrayList<>();
        for (ImpliedEntries.Entry entry : entries) {
            MapVector map = (MapVector) all.get(columns.indexOf(entry.map()));
            VarCharVector column = (VarCharVector) all.get(columns.indexOf(entry.column()));
            Fill fill = null;
            for (Fill f : byMap) {
                fill = f.map == map ? f : fill;
            }
            if (fill == null) {
                fill = new Fill(map);
                byMap.add(fill);
            }
            fill.add(entry.key().getBytes(StandardCharsets.UTF_8), column);
        }
        this.fills = List.copyOf(byMap);
    }

    @Override
    public boolean loadNext() {
        boolean loaded = inner.loadNext();
        int rows = inner.root().getRowCount();
        for (Fill fill : fills) {
            fill.apply(rows);
        }
        root.setRowCount(rows);
        return loaded;
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    /** Any column but a map whose values are put back here and their source columns (read one value per row). */
    @Override
    public boolean requestDictionary(int column) {
        FieldVector vector = root.getVector(column);
        for (Fill fill : fills) {
            if (fill.map == vector || fill.columns.contains(vector)) {
                return false;
            }
        }
        return inner.requestDictionary(column);
    }

    @Override
    public int[] dictionaryIds(int column) {
        return inner.dictionaryIds(column);
    }

    @Override
    public void close() {
        // the vectors of root belong to the inner reader's root
        inner.close();
    }

    /** The implied keys of one map column and the columns that hold their values. */
    private static final class Fill {
        private final MapVector map;
        private final List<byte[]> keys = new ArrayList<>();
        private final List<VarCharVector> columns = new ArrayList<>();

        Fill(MapVector map) {
            this.map = map;
        }

        void add(byte[] key, VarCharVector column) {
            keys.add(key);
            columns.add(column);
        }

        void apply(int rows) {
            if (rows == 0) {
                return;
            }
            StructVector entries = (StructVector) map.getDataVector();
            VarCharVector key = (VarCharVector) entries.getChildByOrdinal(0);
            VarCharVector value = (VarCharVector) entries.getChildByOrdinal(1);
            int entryCount = map.getOffsetBuffer().getInt((long) rows * 4);
            if (entryCount == 0 || BitVectorHelper.getNullCount(value.getValidityBuffer(), entryCount) == 0) {
                return;
            }
            // first pass: the bytes the filled values add
            long extra = 0;
            for (int r = 0; r < rows; r++) {
                int end = map.getOffsetBuffer().getInt((long) (r + 1) * 4);
                for (int e = map.getOffsetBuffer().getInt((long) r * 4); e < end; e++) {
                    if (value.isNull(e)) {
                        VarCharVector column = source(key, e, r);
                        extra += column == null ? 0 : column.getEndOffset(r) - column.getStartOffset(r);
                    }
                }
            }
            long stored = value.getEndOffset(entryCount - 1);
            VarCharVector out = new VarCharVector(value.getField(), value.getAllocator());
            try {
                out.allocateNew(Math.max(1, stored + extra), entryCount);
                out.getValidityBuffer().setZero(0, out.getValidityBuffer().capacity());
                long outData = out.getDataBuffer().memoryAddress();
                long outOffsets = out.getOffsetBuffer().memoryAddress();
                long inData = value.getDataBuffer().memoryAddress();
                int position = 0;
                MemoryUtil.putInt(outOffsets, 0);
                for (int r = 0; r < rows; r++) {
                    int end = map.getOffsetBuffer().getInt((long) (r + 1) * 4);
                    for (int e = map.getOffsetBuffer().getInt((long) r * 4); e < end; e++) {
                        if (!value.isNull(e)) {
                            long start = value.getStartOffset(e);
                            int length = (int) (value.getEndOffset(e) - start);
                            MemoryUtil.copyMemory(inData + start, outData + position, length);
                            position += length;
                            BitVectorHelper.setBit(out.getValidityBuffer(), e);
                        } else {
                            VarCharVector column = source(key, e, r);
                            if (column != null) {
                                long start = column.getStartOffset(r);
                                int length = (int) (column.getEndOffset(r) - start);
                                MemoryUtil.copyMemory(column.getDataBuffer().memoryAddress() + start, outData + position, length);
                                position += length;
                                BitVectorHelper.setBit(out.getValidityBuffer(), e);
                            }
                        }
                        MemoryUtil.putInt(outOffsets + (long) (e + 1) * 4, position);
                    }
                }
                out.setLastSet(entryCount - 1);
                out.setValueCount(entryCount);
                out.makeTransferPair(value).transfer();
            } finally {
                out.close();
            }
        }

        /** The column holding entry {@code e}'s value at row {@code r}, or null when its key is not implied or the column is null there. */
        private VarCharVector source(VarCharVector key, int e, int r) {
            long start = key.getStartOffset(e);
            int length = (int) (key.getEndOffset(e) - start);
            for (int i = 0; i < keys.size(); i++) {
                byte[] candidate = keys.get(i);
                if (candidate.length != length) {
                    continue;
                }
                int b = 0;
                while (b < length && key.getDataBuffer().getByte(start + b) == candidate[b]) {
                    b++;
                }
                if (b == length) {
                    VarCharVector column = columns.get(i);
                    return column.isNull(r) ? null : column;
                }
            }
            return null;
        }
    }
}
