package dev.strata.engine.exec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.impl.UnionMapWriter;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Vectors for result rows produced by the enumerable fallback: the Arrow field of each SQL type
 * and a writer for the Java objects Calcite produces. DECIMAL results become DOUBLE, DATE a day
 * count, maps of strings Arrow maps, anything else its text.
 */
public final class ResultVectors {
    private ResultVectors() {}

    public static Field field(String name, RelDataType type) {
        SqlTypeName typeName = type.getSqlTypeName();
        if (typeName == SqlTypeName.MAP) {
            return new Field(name, FieldType.nullable(new ArrowType.Map(false)), List.of(
                    new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                            new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)))));
        }
        if (typeName == SqlTypeName.DECIMAL) {
            return new Field(name, FieldType.nullable(new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE)), null);
        }
        if (typeName == SqlTypeName.DATE) {
            return new Field(name, FieldType.nullable(new ArrowType.Date(DateUnit.DAY)), null);
        }
        if (ValueKind.isMaterializable(type)) {
            return new Field(name, ValueKind.fieldType(type), null);
        }
        return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
    }

    /** Writes {@code value} (a Calcite runtime object for {@code type}) at {@code row}. */
    public static void set(FieldVector vector, int row, RelDataType type, Object value) {
        if (value == null) {
            if (vector instanceof MapVector map) {
                UnionMapWriter writer = map.getWriter();
                writer.setPosition(row);
                writer.writeNull();
                return;
            }
            VectorWriter.setNull(vector, row);
            return;
        }
        switch (type.getSqlTypeName()) {
            case BOOLEAN -> VectorWriter.setBoolean(vector, row, (Boolean) value);
            case TINYINT, SMALLINT, INTEGER, BIGINT, TIMESTAMP -> VectorWriter.setLong(vector, row, ((Number) value).longValue());
            case DATE -> ((DateDayVector) vector).setSafe(row, ((Number) value).intValue());
            case DOUBLE, FLOAT, REAL, DECIMAL -> VectorWriter.setDouble(vector, row,
                    value instanceof BigDecimal decimal ? decimal.doubleValue() : ((Number) value).doubleValue());
            case MAP -> writeMap((MapVector) vector, row, (Map<?, ?>) value);
            default -> {
                byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
                VectorWriter.setBytes(vector, row, bytes, 0, bytes.length);
            }
        }
    }

    private static void writeMap(MapVector vector, int row, Map<?, ?> map) {
        UnionMapWriter writer = vector.getWriter();
        writer.setPosition(row);
        writer.startMap();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            writer.startEntry();
            writeString(vector, writer.key().varChar(), String.valueOf(entry.getKey()));
            if (entry.getValue() == null) {
                writer.value().varChar().writeNull();
            } else {
                writeString(vector, writer.value().varChar(), String.valueOf(entry.getValue()));
            }
            writer.endEntry();
        }
        writer.endMap();
    }

    private static void writeString(MapVector vector, org.apache.arrow.vector.complex.writer.VarCharWriter writer, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try (ArrowBuf buffer = vector.getAllocator().buffer(Math.max(1, bytes.length))) {
            buffer.setBytes(0, bytes);
            writer.writeVarChar(0, bytes.length, buffer);
        }
    }
}
