package dev.strata.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps the store's Arrow schemas to SQL types. Utf8 is VARCHAR, Int64 BIGINT, Float64 DOUBLE,
 * Bool BOOLEAN, millisecond timestamps TIMESTAMP(3), nanosecond timestamps TIMESTAMP(3) plus an
 * exact {@code <name>_ns} BIGINT (see docs/decisions/0006-engine-timestamps.md), maps of Utf8 keys
 * MAP(VARCHAR, value). Lists (span events and links) are not exposed yet.
 */
public final class TypeMapping {
    private TypeMapping() {}

    /** The SQL columns of a table whose scan yields {@code schema}. */
    public static List<TableColumn> columns(Schema schema) {
        List<TableColumn> columns = new ArrayList<>();
        for (Field field : schema.getFields()) {
            ArrowType type = field.getType();
            if (type instanceof ArrowType.Timestamp timestamp && timestamp.getUnit() == TimeUnit.NANOSECOND) {
                columns.add(new TableColumn(field.getName(), field.getName(), field, TableColumn.Conversion.NANOS_TO_MILLIS));
                columns.add(new TableColumn(field.getName() + "_ns", field.getName(), field, TableColumn.Conversion.NANOS_AS_BIGINT));
            } else if (isSupported(field)) {
                columns.add(new TableColumn(field.getName(), field.getName(), field, TableColumn.Conversion.NONE));
            }
        }
        return List.copyOf(columns);
    }

    public static RelDataType sqlType(TableColumn column, RelDataTypeFactory typeFactory) {
        return switch (column.conversion()) {
            case NANOS_TO_MILLIS -> typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3), column.sourceField().isNullable());
            case NANOS_AS_BIGINT -> typeFactory.createTypeWithNullability(
                    typeFactory.createSqlType(SqlTypeName.BIGINT), column.sourceField().isNullable());
            case NONE -> sqlType(column.sourceField(), typeFactory);
        };
    }

    private static boolean isSupported(Field field) {
        ArrowType type = field.getType();
        if (type instanceof ArrowType.Map) {
            return isSupported(field.getChildren().get(0).getChildren().get(1));
        }
        return type instanceof ArrowType.Utf8
                || type instanceof ArrowType.Int
                || type instanceof ArrowType.FloatingPoint
                || type instanceof ArrowType.Bool
                || type instanceof ArrowType.Timestamp;
    }

    private static RelDataType sqlType(Field field, RelDataTypeFactory typeFactory) {
        ArrowType type = field.getType();
        RelDataType sqlType;
        if (type instanceof ArrowType.Map) {
            Field entries = field.getChildren().get(0);
            RelDataType key = sqlType(entries.getChildren().get(0), typeFactory);
            RelDataType value = sqlType(entries.getChildren().get(1), typeFactory);
            sqlType = typeFactory.createMapType(key, value);
        } else if (type instanceof ArrowType.Utf8) {
            sqlType = typeFactory.createSqlType(SqlTypeName.VARCHAR);
        } else if (type instanceof ArrowType.Int integer) {
            sqlType = typeFactory.createSqlType(integer.getBitWidth() == 64 ? SqlTypeName.BIGINT : SqlTypeName.INTEGER);
        } else if (type instanceof ArrowType.FloatingPoint) {
            sqlType = typeFactory.createSqlType(SqlTypeName.DOUBLE);
        } else if (type instanceof ArrowType.Bool) {
            sqlType = typeFactory.createSqlType(SqlTypeName.BOOLEAN);
        } else if (type instanceof ArrowType.Timestamp) {
            sqlType = typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3);
        } else {
            throw new IllegalArgumentException("no SQL type for " + field);
        }
        return typeFactory.createTypeWithNullability(sqlType, field.isNullable());
    }
}
