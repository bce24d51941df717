package dev.strata.sql;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.RowValues;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.spi.scan.TableSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Builds a {@link SqlQueryService} over a source and reads results into plain rows. */
final class SqlTesting {
    private SqlTesting() {}

    static SqlQueryService service(TableSource source, BufferAllocator allocator) {
        return service(source, allocator, new ExecutorConfig(1000), SqlConfig.DEFAULT);
    }

    static SqlQueryService service(TableSource source, BufferAllocator allocator, ExecutorConfig executorConfig, SqlConfig config) {
        return new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, Clock.systemUTC(), executorConfig), config);
    }

    /** All rows of {@code sql}; values as {@link RowValues} reads them (timestamps as epoch millis). */
    static List<List<Object>> rows(SqlQueryService service, String tenant, String sql) {
        return rows(service, tenant, sql, QueryLimits.DEFAULT);
    }

    static List<List<Object>> rows(SqlQueryService service, String tenant, String sql, QueryLimits limits) {
        try (QueryResult result = service.execute(tenant, sql, limits)) {
            return drain(result);
        }
    }

    static List<List<Object>> drain(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        List<ResultColumn> columns = result.columns();
        for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    row.add(RowValues.get(batch.getVector(c), r, columns.get(c).type()));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
