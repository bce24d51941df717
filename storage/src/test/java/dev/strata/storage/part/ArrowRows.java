package dev.strata.storage.part;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Test rows as plain Java values (Long, Double, Boolean, String, maps for maps, lists for lists and
 * for structs (field values in order)) and their conversion to and from Arrow, so that expectations are written without Arrow.
 */
final class ArrowRows {
    private ArrowRows() {}

    static VectorSchemaRoot toRoot(Schema schema, List<List<Object>> rows, BufferAllocator allocator) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        List<FieldVector> vectors = root.getFieldVectors();
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < vectors.size(); c++) {
                set(vectors.get(c), r, rows.get(r).get(c));
            }
        }
        root.setRowCount(rows.size());
        return root;
    }

    static List<List<Object>> fromRoot(VectorSchemaRoot root) {
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < root.getRowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (FieldVector vector : root.getFieldVectors()) {
                row.add(get(vector, r));
            }
            rows.add(row);
        }
        return rows;
    }

    private static void set(ValueVector vector, int index, Object value) {
        if (value == null) {
            if (vector instanceof BigIntVector v) {
                v.setNull(index);
            } else if (vector instanceof VarCharVector v) {
                v.setNull(index);
            } else if (vector instanceof Float8Vector v) {
                v.setNull(index);
            } else if (vector instanceof BitVector v) {
                v.setNull(index);
            } else if (vector instanceof TimeStampVector v) {
                v.setNull(index);
            } else if (vector instanceof StructVector v) {
                v.setNull(index);
            } else {
                throw new IllegalArgumentException("null for " + vector.getName());
            }
            return;
        }
        if (vector instanceof BigIntVector v) {
            v.setSafe(index, (Long) value);
        } else if (vector instanceof TimeStampVector v) {
            v.setSafe(index, (Long) value);
        } else if (vector instanceof Float8Vector v) {
            v.setSafe(index, (Double) value);
        } else if (vector instanceof BitVector v) {
            v.setSafe(index, (Boolean) value ? 1 : 0);
        } else if (vector instanceof VarCharVector v) {
            v.setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            int start = v.startNewValue(index);
            int i = 0;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                set(entries.getChildByOrdinal(0), start + i, e.getKey());
                set(entries.getChildByOrdinal(1), start + i, e.getValue());
                entries.setIndexDefined(start + i);
                i++;
            }
            v.endValue(index, i);
        } else if (vector instanceof ListVector v) {
            int start = v.startNewValue(index);
            List<?> items = (List<?>) value;
            for (int i = 0; i < items.size(); i++) {
                set(v.getDataVector(), start + i, items.get(i));
            }
            v.endValue(index, items.size());
        } else if (vector instanceof StructVector v) {
            v.setIndexDefined(index);
            List<?> fields = (List<?>) value;
            for (int c = 0; c < fields.size(); c++) {
                set(v.getChildByOrdinal(c), index, fields.get(c));
            }
        } else {
            throw new IllegalArgumentException("unsupported " + vector.getClass());
        }
    }

    static Object get(ValueVector vector, int index) {
        if (vector.isNull(index)) {
            return null;
        }
        if (vector instanceof BigIntVector v) {
            return v.get(index);
        }
        if (vector instanceof TimeStampVector v) {
            return v.get(index);
        }
        if (vector instanceof Float8Vector v) {
            return v.get(index);
        }
        if (vector instanceof BitVector v) {
            return v.get(index) == 1;
        }
        if (vector instanceof VarCharVector v) {
            return new String(v.get(index), StandardCharsets.UTF_8);
        }
        if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            Map<Object, Object> map = new LinkedHashMap<>();
            for (int e = v.getElementStartIndex(index); e < v.getElementEndIndex(index); e++) {
                map.put(get(entries.getChildByOrdinal(0), e), get(entries.getChildByOrdinal(1), e));
            }
            return map;
        }
        if (vector instanceof ListVector v) {
            List<Object> list = new ArrayList<>();
            for (int e = v.getElementStartIndex(index); e < v.getElementEndIndex(index); e++) {
                list.add(get(v.getDataVector(), e));
            }
            return list;
        }
        if (vector instanceof StructVector v) {
            List<Object> struct = new ArrayList<>();
            for (int c = 0; c < v.size(); c++) {
                struct.add(get(v.getChildByOrdinal(c), index));
            }
            return struct;
        }
        throw new IllegalArgumentException("unsupported " + vector.getClass());
    }
}
