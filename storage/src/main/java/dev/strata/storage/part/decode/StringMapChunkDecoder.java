package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The vectorized path for top-level MAP&lt;string, string&gt; columns ({@code labels},
 * {@code metadata}, span attributes), whole or in slices of rows: the key leaf and the value leaf
 * are each decoded into the entry vectors by a {@link ByteArrayChunkDecoder}, and the map's offsets
 * (and, for an optional map, its validity) come from the key leaf's repetition and definition levels. Not thread-safe; one
 * per reader and column.
 */
public final class StringMapChunkDecoder implements AutoCloseable {
    private final ColumnPath keyPath;
    private final ColumnPath valuePath;
    /** Definition level of a row whose map is present; 0 when the map is required. */
    private final int mapLevel;
    /** Definition level of an entry (key present). */
    private final int entryLevel;
    private final ByteArrayChunkDecoder keys;
    private final ByteArrayChunkDecoder values;
    /** Dictionary form: the keys' and values' entries of the batch, and the state carried from slice to slice. */
    private VarCharVector keyEntries;
    private VarCharVector valueEntries;
    private int maps;
    private int batchSlots;
    private int previousStart = -1;
    private int previousEnd;
    private boolean previousNull;

    /** A decoder for the top-level map {@code type}, which {@link #supports} must have accepted. */
    public StringMapChunkDecoder(GroupType type) {
        GroupType entry = type.getType(0).asGroupType();
        keyPath = ColumnPath.get(type.getName(), entry.getName(), entry.getType(0).getName());
        valuePath = ColumnPath.get(type.getName(), entry.getName(), entry.getType(1).getName());
        mapLevel = type.getRepetition() == Type.Repetition.OPTIONAL ? 1 : 0;
        entryLevel = mapLevel + 1;
        keys = new ByteArrayChunkDecoder(1, entryLevel, entryLevel, entryLevel);
        boolean optionalValue = entry.getType(1).getRepetition() == Type.Repetition.OPTIONAL;
        int valueMax = entryLevel + (optionalValue ? 1 : 0);
        values = new ByteArrayChunkDecoder(1, valueMax, entryLevel, valueMax);
    }

    /**
     * True when {@code type} is a top-level MAP of required BYTE_ARRAY keys to required or optional
     * BYTE_ARRAY values, and both leaves of {@code chunks} are readable by {@link ByteArrayChunkDecoder}.
     */
    public static boolean supports(Type type, Map<ColumnPath, ColumnChunkMetaData> chunks) {
        if (type.isPrimitive() || type.getRepetition() == Type.Repetition.REPEATED
                || !(type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation)) {
            return false;
        }
        GroupType map = type.asGroupType();
        if (map.getFieldCount() != 1 || map.getType(0).isPrimitive() || map.getType(0).getRepetition() != Type.Repetition.REPEATED) {
            return false;
        }
        GroupType entry = map.getType(0).asGroupType();
        if (entry.getFieldCount() != 2 || !isText(entry.getType(0)) || !isText(entry.getType(1))
                || entry.getType(0).getRepetition() != Type.Repetition.REQUIRED) {
            return false;
        }
        ColumnChunkMetaData key = chunks.get(ColumnPath.get(map.getName(), entry.getName(), entry.getType(0).getName()));
        ColumnChunkMetaData value = chunks.get(ColumnPath.get(map.getName(), entry.getName(), entry.getType(1).getName()));
        return key != null && value != null && ByteArrayChunkDecoder.supports(key) && ByteArrayChunkDecoder.supports(value);
    }

    private static boolean isText(Type type) {
        return type.isPrimitive() && type.getRepetition() != Type.Repetition.REPEATED
                && ((PrimitiveType) type).getPrimitiveTypeName() == PrimitiveTypeName.BINARY;
    }

    /** Decodes the map's chunks of one row group ({@code rows} rows) into {@code vector}, replacing its contents. */
    public void decode(FileChannel channel, Map<ColumnPath, ColumnChunkMetaData> chunks, int rows, MapVector vector)
            throws IOException {
        start(channel, chunks, rows);
        next(rows, vector, 0);
        finish();
    }

    /** Positions on the first row of the map's chunks in {@code chunks}, a row group of {@code rows} rows. */
    public void start(FileChannel channel, Map<ColumnPath, ColumnChunkMetaData> chunks, int rows) throws IOException {
        ColumnChunkMetaData keyChunk = chunks.get(keyPath);
        ColumnChunkMetaData valueChunk = chunks.get(valuePath);
        if (keyChunk == null || valueChunk == null || keyChunk.getValueCount() != valueChunk.getValueCount()) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has missing or unequal key and value chunks");
        }
        keys.start(channel, keyChunk, rows);
        values.start(channel, valueChunk, rows);
    }

    /**
     * Decodes the next {@code rows} rows into {@code vector} from row {@code at}: {@code 0} replaces
     * its contents (its buffers are reused when large enough), otherwise the rows follow the
     * {@code at} rows this decoder wrote there last, within the capacity {@link #reserve} gave.
     */
    public void next(int rows, MapVector vector, int at) throws IOException {
        if (at == 0) {
            reserve(vector, rows);
        } else if (vector.getValueCapacity() < at + rows) {
            throw new IllegalStateException("map vector holds " + vector.getValueCapacity() + " rows, asked for " + (at + rows));
        }
        StructVector entries = (StructVector) vector.getDataVector();
        int firstEntry = at == 0 ? 0 : vector.getOffsetBuffer().getInt((long) at * 4);
        int entryCount = keys.next(rows, (VarCharVector) entries.getChildByOrdinal(0), true, at > 0);
        int valueCount = values.next(rows, (VarCharVector) entries.getChildByOrdinal(1), false, at > 0);
        if (valueCount != entryCount) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has " + entryCount + " keys and "
                    + valueCount + " values");
        }
        writeOffsets(at, rows, vector, firstEntry, entryCount);
        // grows the entries' validity to entryCount (the key and value vectors already hold that many)
        entries.setValueCount(entryCount);
        MemoryUtil.setMemory(entries.getValidityBuffer().memoryAddress(), (entryCount + 7) / 8, (byte) 0xFF);
        vector.setLastSet(at + rows - 1);
        vector.setValueCount(at + rows);
    }

    /**
     * Decodes the next {@code rows} rows in dictionary form: {@code vector} receives one map per run
     * of rows whose entries name the same dictionary entries (a stream's labels), and
     * {@code ids[at + i]} names row {@code i}'s map. The leaves' dictionary pages of at most
     * {@code maxEntries} entries are copied once per batch; values of other pages get an entry
     * each, so their rows get a map each (still exact). {@code at == 0} starts a batch, otherwise
     * the maps follow this decoder's last ones. Returns the maps held.
     */
    public int nextIds(int rows, MapVector vector, int[] ids, int at, int maxEntries) throws IOException {
        boolean append = at > 0;
        if (keyEntries == null) {
            keyEntries = new VarCharVector("keys", vector.getAllocator());
            valueEntries = new VarCharVector("values", vector.getAllocator());
        }
        if (!append) {
            vector.reset();
            maps = 0;
            batchSlots = 0;
            previousStart = -1;
        }
        keys.nextSlotIds(rows, keyEntries, append, true, maxEntries);
        values.nextSlotIds(rows, valueEntries, append, false, maxEntries);
        int slotEnd = keys.slotCount();
        if (values.slotCount() != slotEnd) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has " + slotEnd + " keys and "
                    + values.slotCount() + " values");
        }
        int[] keyIds = keys.slotIds();
        int[] valueIds = values.slotIds();
        byte[] repetition = keys.repetitionLevels();
        byte[] definition = keys.definitionLevels();
        int levels = keys.levelCount();
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector outKeys = (VarCharVector) entries.getChildByOrdinal(0);
        VarCharVector outValues = (VarCharVector) entries.getChildByOrdinal(1);
        int slot = batchSlots;
        int row = at - 1;
        int i = 0;
        while (i < levels) {
            if (repetition[i] != 0) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " starts inside a row");
            }
            row++;
            boolean isNull = definition[i] < mapLevel;
            int start = slot;
            do {
                if (definition[i] >= entryLevel) {
                    slot++;
                }
                i++;
            } while (i < levels && repetition[i] != 0);
            if (row >= at + rows) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has more rows than asked for");
            }
            if (!sameMap(start, slot, isNull, keyIds, valueIds)) {
                int map = maps++;
                int first = vector.startNewValue(map);
                for (int s = start; s < slot; s++) {
                    int e = first + s - start;
                    entries.setIndexDefined(e);
                    outKeys.copyFromSafe(keyIds[s], e, keyEntries);
                    outValues.copyFromSafe(valueIds[s], e, valueEntries);
                }
                vector.endValue(map, slot - start);
                if (isNull) {
                    BitVectorHelper.unsetBit(vector.getValidityBuffer(), map);
                }
                previousStart = start;
                previousEnd = slot;
                previousNull = isNull;
            }
            ids[row] = maps - 1;
        }
        if (row != at + rows - 1 || slot != slotEnd) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has " + (row + 1 - at) + " rows and "
                    + (slot - batchSlots) + " entries, expected " + rows + " and " + (slotEnd - batchSlots));
        }
        batchSlots = slotEnd;
        vector.setValueCount(maps);
        return maps;
    }

    /** True when the slots {@code [start, end)} name the same entries as the previous map's. */
    private boolean sameMap(int start, int end, boolean isNull, int[] keyIds, int[] valueIds) {
        if (previousStart < 0 || isNull != previousNull || end - start != previousEnd - previousStart) {
            return false;
        }
        for (int k = 0; k < end - start; k++) {
            if (keyIds[start + k] != keyIds[previousStart + k] || valueIds[start + k] != valueIds[previousStart + k]) {
                return false;
            }
        }
        return true;
    }

    /** Room for {@code rows} rows of offsets and validity in {@code vector}, its contents dropped. */
    public void reserve(MapVector vector, int rows) {
        if (vector.getValueCapacity() < rows) {
            vector.clear();
            vector.setInitialCapacity(rows, 1);
            vector.allocateNew();
        }
    }

    /** Checks that both chunks held exactly the rows read. */
    public void finish() throws IOException {
        keys.finish();
        values.finish();
    }

    /**
     * The offsets (and validity) of rows {@code [at, at + rows)} from the key leaf's levels of the
     * slice: a row starts at each repetition level 0; entries continue from {@code firstEntry}.
     */
    private void writeOffsets(int at, int rows, MapVector vector, int firstEntry, int entryCount) {
        byte[] repetition = keys.repetitionLevels();
        byte[] definition = keys.definitionLevels();
        int levels = keys.levelCount();
        long offsets = vector.getOffsetBuffer().memoryAddress();
        long validity = vector.getValidityBuffer().memoryAddress();
        if (at == 0) {
            MemoryUtil.setMemory(validity, (rows + 7) / 8, (byte) 0);
        } else {
            for (int r = at; r < at + rows; r++) {
                long address = validity + (r >>> 3);
                MemoryUtil.putByte(address, (byte) (MemoryUtil.getByte(address) & ~(1 << (r & 7))));
            }
        }
        if (levels > 0 && repetition[0] != 0) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " starts inside a row");
        }
        int row = at - 1;
        int end = at + rows;
        int entry = firstEntry;
        MemoryUtil.putInt(offsets + (long) at * 4, firstEntry);
        for (int i = 0; i < levels; i++) {
            if (repetition[i] == 0) {
                row++;
                if (row >= end) {
                    break;
                }
                if (definition[i] >= mapLevel) {
                    long address = validity + (row >>> 3);
                    MemoryUtil.putByte(address, (byte) (MemoryUtil.getByte(address) | (1 << (row & 7))));
                }
                MemoryUtil.putInt(offsets + (long) row * 4, entry);
            }
            if (definition[i] >= entryLevel) {
                entry++;
            }
        }
        if (row != end - 1 || entry != entryCount) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "map " + keyPath + " has " + (row + 1 - at) + " rows and "
                    + (entry - firstEntry) + " entries, expected " + rows + " and " + (entryCount - firstEntry));
        }
        MemoryUtil.putInt(offsets + (long) end * 4, entry);
    }

    @Override
    public void close() {
        keys.close();
        values.close();
        if (keyEntries != null) {
            keyEntries.close();
            valueEntries.close();
        }
    }
}
