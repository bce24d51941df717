package dev.strata.engine.planner;

import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's default type system, except that CASE and UNION branches of string literals of
 * different lengths give VARCHAR rather than blank-padded CHAR (as in PostgreSQL and DuckDB).
 */
final class StrataTypeSystem extends RelDataTypeSystemImpl {
    static final StrataTypeSystem INSTANCE = new StrataTypeSystem();

    private StrataTypeSystem() {}

    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }
}
