package dev.strata.engine.exec;

import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * How the columnar operators hold a SQL type: integers, timestamps (epoch milliseconds) and
 * dates as {@code long}, floating point as {@code double}, and strings and maps as Arrow vectors.
 * A type with no kind is not executed columnar; its plan falls back to the enumerable convention.
 */
public enum ValueKind {
    BOOLEAN,
    LONG,
    DOUBLE,
    STRING,
    MAP;

    /** The kind of {@code type}, or null when the columnar operators do not handle it. */
    public static ValueKind of(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case BOOLEAN -> BOOLEAN;
            case TINYINT, SMALLINT, INTEGER, BIGINT, TIMESTAMP -> LONG;
            case DOUBLE, FLOAT, REAL -> DOUBLE;
            case CHAR, VARCHAR -> STRING;
            case MAP -> MAP;
            default -> null;
        };
    }

    /** The Arrow type of a vector the operators create for a value of {@code type}. */
    public static FieldType fieldType(RelDataType type) {
        ArrowType arrowType = switch (type.getSqlTypeName()) {
            case BOOLEAN -> ArrowType.Bool.INSTANCE;
            case TINYINT, SMALLINT, INTEGER -> new ArrowType.Int(32, true);
            case BIGINT -> new ArrowType.Int(64, true);
            case TIMESTAMP -> new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);
            case DOUBLE, FLOAT, REAL -> new ArrowType.FloatingPoint(org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE);
            case CHAR, VARCHAR -> ArrowType.Utf8.INSTANCE;
            default -> throw new IllegalArgumentException("no columnar vector for " + type);
        };
        return FieldType.nullable(arrowType);
    }

    /** True when the operators can create a vector of {@code type} (maps are only passed through). */
    public static boolean isMaterializable(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        return of(type) != null && name != SqlTypeName.MAP;
    }
}
