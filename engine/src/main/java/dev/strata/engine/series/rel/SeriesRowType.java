package dev.strata.engine.series.rel;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The relational view of a series result, one row per sample:
 * {@code (ts TIMESTAMP(3), labels MAP<VARCHAR, VARCHAR>, value DOUBLE)}, all non-null. A scalar is
 * one series with an empty label map. The types are those of the {@code samples} table, so a series
 * plan composes with SQL over the same data.
 */
public final class SeriesRowType {
    public static final String TS = "ts";
    public static final String LABELS = "labels";
    public static final String VALUE = "value";

    private SeriesRowType() {}

    public static RelDataType of(RelDataTypeFactory typeFactory) {
        RelDataType varchar = typeFactory.createSqlType(SqlTypeName.VARCHAR);
        return typeFactory.builder()
                .add(TS, typeFactory.createSqlType(SqlTypeName.TIMESTAMP, 3))
                .add(LABELS, typeFactory.createMapType(varchar, varchar))
                .add(VALUE, typeFactory.createSqlType(SqlTypeName.DOUBLE))
                .build();
    }
}
