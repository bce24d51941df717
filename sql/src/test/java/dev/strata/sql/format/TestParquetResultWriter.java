package dev.strata.sql.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryGenerator;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results written as Parquet, read back by DuckDB, must equal the same results written as JSON. */
final class TestParquetResultWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private BufferAllocator allocator;
    private SqlQueryService service;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        InMemoryTableSource source = new InMemoryTableSource(100, 64).addAll("t", new TelemetryGenerator(7, 40, 60, 6));
        service = new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, Clock.systemUTC(), ExecutorConfig.DEFAULT), SqlConfig.DEFAULT);
    }

    @AfterEach
    void tearDown() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void samplesRoundTripThroughDuckDb() throws Exception {
        assertSameAsJson("SELECT series_id, ts, metric, labels, \"value\" FROM samples ORDER BY series_id, ts", 1);
    }

    @Test
    void aggregatesWithCountsBooleansAndNulls() throws Exception {
        assertSameAsJson("SELECT metric, labels['job'] AS job, count(*) AS n, avg(\"value\") AS mean, max(\"value\") > 50 AS big "
                + "FROM samples GROUP BY metric, labels['job'] ORDER BY metric, job", 1);
    }

    @Test
    void logsWithNanosecondsAndNullableColumns() throws Exception {
        assertSameAsJson("SELECT ts, ts_ns, line, trace_id, level, metadata FROM logs ORDER BY ts_ns, line", 1);
    }

    @Test
    void fallbackPlanAndDuplicateNames() throws Exception {
        assertSameAsJson("SELECT name, duration_ns, rank() OVER (PARTITION BY service_name ORDER BY duration_ns DESC, span_id) AS r, "
                + "service_name AS name FROM spans ORDER BY span_id", 1);
    }

    @Test
    void emptyResultKeepsTheColumns() throws Exception {
        List<String> names = assertSameAsJson("SELECT ts, metric, \"value\" FROM samples WHERE metric = 'none'", 0);
        assertThat(names).containsExactly("ts", "metric", "value");
    }

    @Test
    void choosesParquetByNameAndAccept() {
        assertThat(ResultFormat.fromName("parquet")).contains(ResultFormat.PARQUET);
        assertThat(ResultFormat.fromAccept("application/vnd.apache.parquet")).contains(ResultFormat.PARQUET);
        assertThat(ResultFormat.fromAccept("application/x-parquet;q=0.9, */*")).contains(ResultFormat.PARQUET);
        assertThat(ResultFormat.PARQUET.mediaType()).isEqualTo("application/vnd.apache.parquet");
    }

    /** Returns the Parquet file's column names; asserts its rows equal the JSON rows (and that there is more than {@code minRows}). */
    private List<String> assertSameAsJson(String sql, int minRows) throws Exception {
        JsonNode json = JSON.readTree(write(sql, ResultFormat.JSON));
        Path file = dir.resolve("result.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(write(sql, ResultFormat.PARQUET));
        }
        List<String> types = new ArrayList<>();
        for (JsonNode column : json.get("columns")) {
            types.add(column.get("type").asText());
        }
        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode row : json.get("rows")) {
            List<Object> values = new ArrayList<>();
            for (int c = 0; c < types.size(); c++) {
                values.add(fromJson(row.get(c), types.get(c)));
            }
            expected.add(values);
        }
        assertThat(expected.size()).isGreaterThanOrEqualTo(minRows);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duck.createStatement()) {
            statement.execute("SET threads=1");
            statement.execute("SET memory_limit='256MB'");
            statement.execute("SET autoinstall_known_extensions=false");
            List<String> names = new ArrayList<>();
            try (ResultSet described = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
                while (described.next()) {
                    names.add(described.getString(1));
                }
            }
            assertThat(names).hasSize(types.size());
            List<String> select = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                String column = "\"" + names.get(c) + "\"";
                select.add(switch (types.get(c)) {
                    case "TIMESTAMP" -> "epoch_ms(" + column + ")";
                    case "MAP(VARCHAR, VARCHAR)" -> "CAST(to_json(" + column + ") AS VARCHAR)";
                    default -> column;
                });
            }
            List<List<Object>> actual = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", select) + " FROM read_parquet('" + file + "')")) {
                while (rows.next()) {
                    List<Object> values = new ArrayList<>();
                    for (int c = 0; c < types.size(); c++) {
                        values.add(fromDuckDb(rows, c + 1, types.get(c)));
                    }
                    actual.add(values);
                }
            }
            assertThat(actual).isEqualTo(expected);
            return names;
        }
    }

    private byte[] write(String sql, ResultFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (QueryResult result = service.execute("t", sql, QueryLimits.DEFAULT)) {
            format.writer().write(result, out);
        }
        return out.toByteArray();
    }

    private static Object fromJson(JsonNode node, String type) {
        if (node == null || node.isNull()) {
            return null;
        }
        return switch (type) {
            case "TIMESTAMP" -> Instant.parse(node.asText()).toEpochMilli();
            case "BIGINT", "INTEGER", "SMALLINT", "TINYINT" -> node.asLong();
            case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> node.asDouble();
            case "BOOLEAN" -> node.asBoolean();
            case "MAP(VARCHAR, VARCHAR)" -> map(node);
            default -> node.asText();
        };
    }

    private static Object fromDuckDb(ResultSet rows, int column, String type) throws SQLException, IOException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        return switch (type) {
            case "TIMESTAMP", "BIGINT", "INTEGER", "SMALLINT", "TINYINT" -> ((Number) value).longValue();
            case "DOUBLE", "FLOAT", "REAL", "DECIMAL" -> ((Number) value).doubleValue();
            case "BOOLEAN" -> value;
            case "MAP(VARCHAR, VARCHAR)" -> map(JSON.readTree(value.toString()));
            default -> value.toString();
        };
    }

    private static Map<String, String> map(JsonNode node) {
        Map<String, String> map = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            map.put(entry.getKey(), entry.getValue().isNull() ? null : entry.getValue().asText());
        }
        return map;
    }
}
