package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
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

    MapItem(ValueKind kind, VectorExpression map, String key, BufferAllocator allocator) {
        super(kind);
        this.map = map;
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.allocator = allocator;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        MapVector maps = (MapVector) map.evaluate(batch).vector();
        StructVector entries = (StructVector) maps.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
        FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
        var mapOffsets = maps.getOffsetBuffer();
        var keyOffsets = keys.getOffsetBuffer();
        var keyData = keys.getDataBuffer();
        if (kind == ValueKind.STRING) {
            if (strings == null) {
                strings = new VarCharVector("item", allocator);
            }
            strings.allocateNew(rows);
        } else {
            result.reset(rows, true);
        }
        for (int i = 0; i < rows; i++) {
            int found = -1;
            if (!maps.isNull(i)) {
                int end = mapOffsets.getInt((long) (i + 1) * 4);
                for (int e = mapOffsets.getInt((long) i * 4); e < end; e++) {
                    int keyStart = keyOffsets.getInt((long) e * 4);
                    int keyEnd = keyOffsets.getInt((long) (e + 1) * 4);
                    if (keyEnd - keyStart == key.length
                            && ByteFunctionHelpers.compare(keyData, keyStart, keyEnd, key, 0, key.length) == 0) {
                        found = values.isNull(e) ? -1 : e;
                        break;
                    }
                }
            }
            switch (kind) {
                case STRING -> {
                    if (found < 0) {
                        strings.setNull(i);
                    } else {
                        strings.copyFromSafe(found, i, values);
                    }
                }
                case LONG -> {
                    result.nulls()[i] = found < 0;
                    if (found >= 0) {
                        result.longs()[i] = ((org.apache.arrow.vector.BigIntVector) values).get(found);
                    }
                }
                case DOUBLE -> {
                    result.nulls()[i] = found < 0;
                    if (found >= 0) {
                        result.doubles()[i] = ((Float8Vector) values).get(found);
                    }
                }
                case BOOLEAN -> {
                    result.nulls()[i] = found < 0;
                    if (found >= 0) {
                        result.booleans()[i] = BitVectorHelper.get(values.getDataBuffer(), found) != 0;
                    }
                }
                case MAP -> throw new IllegalStateException("nested maps are not supported");
            }
        }
        if (kind == ValueKind.STRING) {
            strings.setValueCount(rows);
            result.setVector(strings, rows);
        }
        return result;
    }

    @Override
    public void close() {
        map.close();
        if (strings != null) {
            strings.close();
        }
    }
}
