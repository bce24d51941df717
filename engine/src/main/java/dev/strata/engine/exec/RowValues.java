package dev.strata.engine.exec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Reads single values out of batch vectors as the Java objects Calcite's enumerable convention
 * uses for a SQL type: Integer, Long (also TIMESTAMP as epoch millis), Double, Boolean, String and
 * Map. Only used at the boundary to the enumerable fallback and by result writers, never inside
 * columnar operators.
 */
public final class RowValues {
    private RowValues() {}

    public static Object get(FieldVector vector, int row, RelDataType type) {
        if (vector.isNull(row)) {
            return null;
        }
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> ((BitVector) vector).get(row) != 0;
            case TINYINT, SMALLINT, INTEGER -> (int) readLong(vector, row);
            case BIGINT, TIMESTAMP -> readLong(vector, row);
            case DOUBLE, FLOAT, REAL -> readDouble(vector, row);
            case CHAR, VARCHAR -> readString(vector, row);
            case MAP -> readMap((MapVector) vector, row);
            default -> vector.getObject(row);
        };
    }

    public static long readLong(FieldVector vector, int row) {
        if (vector instanceof IntVector ints) {
            return ints.get(row);
        }
        if (vector instanceof SmallIntVector shorts) {
            return shorts.get(row);
        }
        if (vector instanceof TinyIntVector bytes) {
            return bytes.get(row);
        }
        return ((BaseFixedWidthVector) vector).getDataBuffer().getLong((long) row * 8);
    }

    public static double readDouble(FieldVector vector, int row) {
        if (vector instanceof Float4Vector floats) {
            return floats.get(row);
        }
        return ((Float8Vector) vector).get(row);
    }

    public static String readString(FieldVector vector, int row) {
        return new String(((BaseVariableWidthVector) vector).get(row), StandardCharsets.UTF_8);
    }

    public static Map<String, Object> readMap(MapVector vector, int row) {
        StructVector entries = (StructVector) vector.getDataVector();
        FieldVector keys = (FieldVector) entries.getChildByOrdinal(0);
        FieldVector values = (FieldVector) entries.getChildByOrdinal(1);
        int start = vector.getOffsetBuffer().getInt((long) row * 4);
        int end = vector.getOffsetBuffer().getInt((long) (row + 1) * 4);
        Map<String, Object> map = new LinkedHashMap<>();
        for (int e = start; e < end; e++) {
            Object value;
            if (values.isNull(e)) {
                value = null;
            } else if (values instanceof BaseVariableWidthVector) {
                value = readString(values, e);
            } else if (values instanceof BitVector bits) {
                value = bits.get(e) != 0;
            } else if (values instanceof Float8Vector doubles) {
                value = doubles.get(e);
            } else {
                value = readLong(values, e);
            }
            map.put(readString(keys, e), value);
        }
        return map;
    }
}
