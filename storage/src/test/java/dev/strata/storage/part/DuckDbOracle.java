package dev.strata.storage.part;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DuckDB over JDBC as the independent reader of our parts: one thread, a small memory limit, no
 * extension downloads (parquet is linked into the driver).
 */
final class DuckDbOracle implements AutoCloseable {
    private final Connection connection;

    DuckDbOracle() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads = 1");
            statement.execute("SET memory_limit = '256MB'");
            statement.execute("SET autoinstall_known_extensions = false");
            statement.execute("SET autoload_known_extensions = false");
        }
    }

    /** Runs {@code sql} and returns its rows as plain Java values comparable with {@link ArrowRows}. */
    List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int c = 1; c <= columns; c++) {
                    row.add(normalize(rs.getObject(c)));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Runs a statement that returns no rows (a view definition). */
    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** DuckDB's type names of the columns of {@code sql}. */
    Map<String, String> describe(String sql) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : query("DESCRIBE " + sql)) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    private static Object normalize(Object value) throws SQLException {
        if (value == null || value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean) {
            return value;
        }
        if (value instanceof java.time.LocalDate date) {
            return date.toString();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof OffsetDateTime t) {
            return nanos(t.toInstant());
        }
        if (value instanceof LocalDateTime t) {
            return nanos(t.toInstant(ZoneOffset.UTC));
        }
        if (value instanceof Timestamp t) {
            return nanos(t.toInstant());
        }
        if (value instanceof Array array) {
            List<Object> list = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                list.add(normalize(item));
            }
            return list;
        }
        if (value instanceof Struct struct) {
            List<Object> fields = new ArrayList<>();
            for (Object attribute : struct.getAttributes()) {
                fields.add(normalize(attribute));
            }
            return fields;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sorted.put(normalize(e.getKey()), normalize(e.getValue()));
            }
            return sorted;
        }
        throw new IllegalArgumentException("unexpected JDBC value " + value.getClass() + ": " + value);
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
