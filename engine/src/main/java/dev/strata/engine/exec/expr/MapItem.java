package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/** {@code map['key']} with a constant key: the value, or null when the key is absent. */
final class MapItem extends VectorExpression {
    private final VectorExpression map;
    private final byte[] key;
    private final BufferAllocator allocator;
    private VarCharVector strings;
    private int[] found = new int[0];

    MapItem(ValueKind kind, VectorExpression map, String key, BufferAllocator allocator) {
        super(kind);
        this.map = map;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.allocator = allocator;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        return evaluateSelected(batch, null, batch.getRowCount());
    }

    /** Looks the key up only in the selected rows' maps; the other rows read as null. */
    @Override
    public ColumnData evaluateSelected(VectorSchemaRoot batch, int[] positions, int count) {
        int rows = batch.getRowCount();
        MapVector maps = (MapVector) map.evaluate(batch).vector();
        StructVector entries = (StructVector) maps.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
        FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
        if (found.length < rows) {
            found = new int[Math.max(rows, found.length * 2)];
        }
        find(maps, keys, values, rows, positions, count);
        switch (kind) {
            case STRING -> writeStrings((VarCharVector) values, rows);
            case LONG -> {
                result.reset(rows, true);
                for (int i = 0; i < rows; i++) {
                    result.nulls()[i] = found[i] < 0;
                    if (found[i] >= 0) {
                        result.longs()[i] = ((org.apache.arrow.vector.BigIntVector) values).get(found[i]);
                    }
                }
            }
            case DOUBLE -> {
                result.reset(rows, true);
                for (int i = 0; i < rows; i++) {
                    result.nulls()[i] = found[i] < 0;
                    if (found[i] >= 0) {
                        result.doubles()[i] = ((Float8Vector) values).get(found[i]);
                    }
                }
            }
            case BOOLEAN -> {
                result.reset(rows, true);
                for (int i = 0; i < rows; i++) {
                    result.nulls()[i] = found[i] < 0;
                    if (found[i] >= 0) {
                        result.booleans()[i] = BitVectorHelper.get(values.getDataBuffer(), found[i]) != 0;
                    }
                }
            }
            case MAP -> throw new IllegalStateException("nested maps are not supported");
        }
        return result;
    }

    /**
     * Sets {@code found[i]} to the entry holding the key in row {@code i}'s map, or -1. The label
     * maps are read with unchecked loads: the offsets are checked against the buffers once here.
     */
    private void find(MapVector maps, VarCharVector keys, FieldVector values, int rows, int[] positions, int count) {
        int entryCount = keys.getValueCount();
        if (maps.getOffsetBuffer().capacity() < (long) (rows + 1) * 4
                || (entryCount > 0 && keys.getOffsetBuffer().capacity() < (long) (entryCount + 1) * 4)) {
            throw new IllegalStateException("map offsets shorter than the batch");
        }
        long mapOffsets = maps.getOffsetBuffer().memoryAddress();
        long keyOffsets = keys.getOffsetBuffer().memoryAddress();
        long keyData = keys.getDataBuffer().memoryAddress();
        long keyDataEnd = keys.getDataBuffer().capacity();
        boolean mapNulls = maps.getNullCount() > 0;
        boolean valueNulls = values.getNullCount() > 0;
        if (positions != null) {
            Arrays.fill(found, 0, rows, -1);
        }
        for (int p = 0; p < count; p++) {
            int i = positions == null ? p : positions[p];
            int hit = -1;
            if (!(mapNulls && maps.isNull(i))) {
                int end = MemoryUtil.getInt(mapOffsets + (long) (i + 1) * 4);
                int e = MemoryUtil.getInt(mapOffsets + (long) i * 4);
                if (end > entryCount || e < 0) {
                    throw new IllegalStateException("map entries beyond the key vector");
                }
                for (; e < end; e++) {
                    int keyStart = MemoryUtil.getInt(keyOffsets + (long) e * 4);
                    int keyEnd = MemoryUtil.getInt(keyOffsets + (long) (e + 1) * 4);
                    if (keyEnd - keyStart == key.length && keyEnd <= keyDataEnd && equalsKey(keyData + keyStart)) {
                        hit = valueNulls && values.isNull(e) ? -1 : e;
                        break;
                    }
                }
            }
            found[i] = hit;
        }
    }

    private boolean equalsKey(long address) {
        for (int j = 0; j < key.length; j++) {
            if (MemoryUtil.getByte(address + j) != key[j]) {
                return false;
            }
        }
        return true;
    }

    /** Copies the found values into {@link #strings}, sized exactly, in one pass over the rows. */
    private void writeStrings(VarCharVector values, int rows) {
        if (strings == null) {
            strings = new VarCharVector("item", allocator);
        }
        var valueOffsets = values.getOffsetBuffer();
        long total = 0;
        for (int i = 0; i < rows; i++) {
            int e = found[i];
            if (e >= 0) {
                total += valueOffsets.getInt((long) (e + 1) * 4) - valueOffsets.getInt((long) e * 4);
            }
        }
        strings.clear();
        strings.allocateNew(Math.max(1, total), rows);
        var outOffsets = strings.getOffsetBuffer();
        var outValidity = strings.getValidityBuffer();
        var outData = strings.getDataBuffer();
        var valueData = values.getDataBuffer();
        int at = 0;
        outOffsets.setInt(0, 0);
        for (int i = 0; i < rows; i++) {
            int e = found[i];
            if (e >= 0) {
                int start = valueOffsets.getInt((long) e * 4);
                int length = valueOffsets.getInt((long) (e + 1) * 4) - start;
                outData.setBytes(at, valueData, start, length);
                at += length;
                BitVectorHelper.setBit(outValidity, i);
            }
            outOffsets.setInt((long) (i + 1) * 4, at);
        }
        strings.setLastSet(rows - 1);
        strings.setValueCount(rows);
        result.setVector(strings, rows);
    }

    @Override
    public void close() {
        map.close();
        if (strings != null) {
            strings.close();
        }
    }
}
