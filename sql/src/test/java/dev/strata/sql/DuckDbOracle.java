package dev.strata.sql;

import dev.strata.engine.testing.TelemetryRows;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * DuckDB (embedded) as the independent oracle, with views that give the tables Strata's column
 * names. Either over Parquet files of the generated rows (they go into DuckDB through plain SQL
 * INSERTs and out with DuckDB's own COPY, so nothing of Strata is involved), or
 * {@link #overStoreParts over the Parquet parts a store wrote}, read in place.
 */
public final class DuckDbOracle implements AutoCloseable {
    private final Connection connection;

    private DuckDbOracle(Connection connection) {
        this.connection = connection;
    }

    DuckDbOracle(Path directory, List<TelemetryRows.Sample> samples, List<TelemetryRows.Series> series,
            List<TelemetryRows.Log> logs, List<TelemetryRows.Span> spans) throws SQLException {
        this(connect());
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA raw");
            statement.execute("CREATE TABLE raw.samples (series_id BIGINT, metric VARCHAR, labels MAP(VARCHAR, VARCHAR), ts_ms BIGINT, value DOUBLE)");
            statement.execute("CREATE TABLE raw.series (series_id BIGINT, metric VARCHAR, labels MAP(VARCHAR, VARCHAR), metric_type VARCHAR, help VARCHAR, unit VARCHAR)");
            statement.execute("CREATE TABLE raw.logs (stream_id BIGINT, labels MAP(VARCHAR, VARCHAR), ts_ns BIGINT, line VARCHAR, "
                    + "metadata MAP(VARCHAR, VARCHAR), trace_id VARCHAR, span_id VARCHAR, level VARCHAR)");
            statement.execute("CREATE TABLE raw.spans (trace_id VARCHAR, span_id VARCHAR, parent_span_id VARCHAR, name VARCHAR, kind VARCHAR, "
                    + "service_name VARCHAR, start_ns BIGINT, end_ns BIGINT, duration_ns BIGINT, status_code VARCHAR, status_message VARCHAR, "
                    + "attributes MAP(VARCHAR, VARCHAR), attributes_int MAP(VARCHAR, BIGINT), resource_attributes MAP(VARCHAR, VARCHAR))");
            insert(statement, "raw.samples", samples, s -> values(s.seriesId(), s.metric(), map(s.labels()), s.tsMillis(), s.value()));
            insert(statement, "raw.series", series, s -> values(s.seriesId(), s.metric(), map(s.labels()), s.metricType(), s.help(), s.unit()));
            insert(statement, "raw.logs", logs, l -> values(l.streamId(), map(l.labels()), l.tsNanos(), l.line(), map(l.metadata()),
                    l.traceId(), l.spanId(), l.level()));
            insert(statement, "raw.spans", spans, s -> values(s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.kind(), s.serviceName(),
                    s.startNanos(), s.endNanos(), s.durationNanos(), s.statusCode(), s.statusMessage(), map(s.attributes()),
                    intMap(s.attributesInt()), map(s.resourceAttributes())));
            for (String table : List.of("samples", "series", "logs", "spans")) {
                statement.execute("COPY raw." + table + " TO '" + directory.resolve(table + ".parquet") + "' (FORMAT parquet)");
            }
            statement.execute("CREATE VIEW samples AS SELECT series_id, metric, labels, epoch_ms(ts_ms) AS ts, value FROM read_parquet('"
                    + directory.resolve("samples.parquet") + "')");
            statement.execute("CREATE VIEW series AS SELECT * FROM read_parquet('" + directory.resolve("series.parquet") + "')");
            statement.execute("CREATE VIEW logs AS SELECT stream_id, labels, epoch_ms(ts_ns // 1000000) AS ts, ts_ns, line, metadata, "
                    + "trace_id, span_id, level FROM read_parquet('" + directory.resolve("logs.parquet") + "')");
            statement.execute("CREATE VIEW spans AS SELECT trace_id, span_id, parent_span_id, name, kind, service_name, "
                    + "epoch_ms(start_ns // 1000000) AS start_ts, start_ns AS start_ts_ns, epoch_ms(end_ns // 1000000) AS end_ts, end_ns AS end_ts_ns, "
                    + "duration_ns, status_code, status_message, attributes, attributes_int, resource_attributes FROM read_parquet('"
                    + directory.resolve("spans.parquet") + "')");
            statement.execute("DROP SCHEMA raw CASCADE");
        }
    }

    /**
     * DuckDB over the Parquet parts under {@code dataDir/parts} (hive-partitioned by tenant and
     * day), one tenant's rows, shaped like the tables of the in-memory oracle: {@code samples}
     * gets its {@code labels} by joining {@code series} on the series id (a series may be listed
     * in several parts, hence one row per id); nanosecond times get millisecond timestamps beside
     * their exact {@code *_ns} integers.
     */
    public static DuckDbOracle overStoreParts(Path dataDir, String tenant) throws SQLException {
        DuckDbOracle oracle = new DuckDbOracle(connect());
        String literal = "'" + tenant.replace("'", "''") + "'";
        String where = " WHERE tenant = " + literal;
        try (Statement statement = oracle.connection.createStatement()) {
            statement.execute("CREATE VIEW series AS SELECT DISTINCT ON (series_id) series_id, metric, labels, metric_type, help, unit FROM "
                    + parts(dataDir, "series") + where);
            statement.execute("CREATE VIEW samples AS SELECT p.series_id, p.metric, s.labels, epoch_ms(epoch_ms(p.ts)) AS ts, "
                    + "coalesce(p.value, p.value_int / p.value_div) AS value FROM "
                    + parts(dataDir, "samples") + " p JOIN series s ON s.series_id = p.series_id WHERE p.tenant = " + literal);
            // docs/format/logs.md: a trace/span id equal to its column is stored once, as a null metadata value
            statement.execute("CREATE VIEW logs AS SELECT stream_id, labels, epoch_ms(epoch_ns(ts) // 1000000) AS ts, epoch_ns(ts) AS ts_ns, "
                    + "line, map_from_entries(list_transform(map_entries(metadata), lambda e: {'key': e.key, 'value': CASE "
                    + "WHEN e.value IS NOT NULL THEN e.value WHEN e.key = 'trace_id' THEN trace_id WHEN e.key = 'span_id' THEN span_id "
                    + "END})) AS metadata, trace_id, span_id, level FROM " + parts(dataDir, "logs") + where);
            statement.execute("CREATE VIEW spans AS SELECT trace_id, span_id, parent_span_id, name, kind, service_name, "
                    + "epoch_ms(epoch_ns(start_ts) // 1000000) AS start_ts, epoch_ns(start_ts) AS start_ts_ns, "
                    + "epoch_ms(epoch_ns(end_ts) // 1000000) AS end_ts, epoch_ns(end_ts) AS end_ts_ns, duration_ns, status_code, status_message, "
                    + "attributes, attributes_int, resource_attributes FROM " + parts(dataDir, "spans") + where);
        } catch (SQLException e) {
            oracle.close();
            throw e;
        }
        return oracle;
    }

    private static String parts(Path dataDir, String table) {
        return "read_parquet('" + dataDir.resolve("parts").resolve(table) + "/**/*.parquet', hive_partitioning = true, union_by_name = true)";
    }

    private static Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=2");
            statement.execute("SET memory_limit='1GB'");
            statement.execute("SET autoinstall_known_extensions=false");
            statement.execute("SET TimeZone='UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The rows of {@code sql}, normalized like Strata's (see {@link ResultComparison#normalize}). */
    public List<List<Object>> rows(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData metaData = result.getMetaData();
            int columns = metaData.getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    int type = metaData.getColumnType(c);
                    Object value;
                    if (type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE) {
                        LocalDateTime time = result.getObject(c, LocalDateTime.class);
                        value = time == null ? null : time.toInstant(ZoneOffset.UTC);
                    } else {
                        value = result.getObject(c);
                    }
                    row.add(normalize(value));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static Object normalize(Object value) {
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0 ? (Object) decimal.longValueExact() : (Object) decimal.doubleValue();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, String> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sorted.put(String.valueOf(entry.getKey()), entry.getValue() == null ? null : String.valueOf(entry.getValue()));
            }
            return sorted;
        }
        return value;
    }

    private interface RowFormat<T> {
        String format(T row);
    }

    private static <T> void insert(Statement statement, String table, List<T> rows, RowFormat<T> format) throws SQLException {
        for (int from = 0; from < rows.size(); from += 1000) {
            StringJoiner values = new StringJoiner(",\n", "INSERT INTO " + table + " VALUES ", "");
            for (int i = from; i < Math.min(rows.size(), from + 1000); i++) {
                values.add(format.format(rows.get(i)));
            }
            statement.execute(values.toString());
        }
    }

    private record Sql(String text) {}

    private static String values(Object... values) {
        StringJoiner joiner = new StringJoiner(", ", "(", ")");
        for (Object value : values) {
            joiner.add(literal(value));
        }
        return joiner.toString();
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Sql sql) {
            return sql.text();
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof Double number) {
            return "CAST('" + number + "' AS DOUBLE)";
        }
        return value.toString();
    }

    private static Sql map(Map<String, String> map) {
        StringJoiner joiner = new StringJoiner(", ", "MAP {", "}");
        for (Map.Entry<String, String> entry : map.entrySet()) {
            joiner.add(literal(entry.getKey()) + ": " + literal(entry.getValue()));
        }
        return new Sql("CAST(" + joiner + " AS MAP(VARCHAR, VARCHAR))");
    }

    private static Sql intMap(Map<String, Long> map) {
        StringJoiner joiner = new StringJoiner(", ", "MAP {", "}");
        for (Map.Entry<String, Long> entry : map.entrySet()) {
            joiner.add(literal(entry.getKey()) + ": " + entry.getValue());
        }
        return new Sql("CAST(" + joiner + " AS MAP(VARCHAR, BIGINT))");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
