package dev.strata.sql;

/**
 * The differential suite with three threads per query: scans under aggregations are read by
 * parallel workers over the in-memory source's 4000-row splits, and every answer must still equal
 * DuckDB's.
 */
final class TestSqlDifferentialParallel extends TestSqlDifferential {
    @Override
    int threads() {
        return 3;
    }
}
