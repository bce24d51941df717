package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import org.apache.calcite.rel.type.RelDataType;

/**
 * A column of a query result.
 *
 * @param name the column name
 * @param typeName the SQL type as shown to users ({@code BIGINT}, {@code TIMESTAMP}, {@code MAP(VARCHAR, VARCHAR)})
 * @param type the planner's type
 */
public record ResultColumn(String name, String typeName, RelDataType type) {
    public ResultColumn {
        requireNonNull(name, "name is null");
        requireNonNull(typeName, "typeName is null");
        requireNonNull(type, "type is null");
    }

    public static ResultColumn of(String name, RelDataType type) {
        return new ResultColumn(name, typeName(type), type);
    }

    private static String typeName(RelDataType type) {
        return switch (type.getSqlTypeName()) {
            case MAP -> "MAP(" + typeName(type.getKeyType()) + ", " + typeName(type.getValueType()) + ")";
            case CHAR -> "VARCHAR";
            default -> type.getSqlTypeName().getName();
        };
    }
}
