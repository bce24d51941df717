package dev.strata.tests.harness;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * DuckDB (embedded, JDBC) over a Strata data directory's Parquet parts, read in place: the
 * independent oracle of what the store holds. Extension auto-loading is off (no network), and
 * DuckDB is kept to two threads and 1 GB like the rest of the suite. Not thread-safe.
 */
public final class DuckDbParts implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Connection connection;

    private DuckDbParts(Path dataDir, Connection connection) {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.connection = requireNonNull(connection, "connection is null");
    }

    public static DuckDbParts open(Path dataDir) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads=2");
                statement.execute("SET memory_limit='1GB'");
                statement.execute("SET autoinstall_known_extensions=false");
                statement.execute("SET autoload_known_extensions=false");
            }
            return new DuckDbParts(dataDir, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB", e);
        }
    }

    /** A row of a result set, mapped by the caller. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** The directory of {@code table}'s parts. */
    public Path tableDir(String table) {
        return dataDir.resolve("parts").resolve(table);
    }

    /**
     * {@code read_parquet(...)} over every part of {@code table}, with the hive partition columns
     * ({@code tenant}, {@code day}) as columns. Use in FROM clauses. {@code samples} comes through
     * the view of docs/format/samples.md, which joins the split value columns into one {@code value};
     * {@code logs} through that of docs/format/logs.md, which puts back ids stored once.
     */
    public String table(String table) {
        String glob = tableDir(table) + "/**/*.parquet";
        String parts = "read_parquet('" + glob.replace("'", "''") + "', hive_partitioning=true, union_by_name=true)";
        if (table.equals("samples")) {
            return "(SELECT * EXCLUDE (value, value_int, value_div), coalesce(value, value_int / value_div) AS value FROM " + parts + ")";
        }
        if (table.equals("logs")) {
            // docs/format/logs.md: ids equal to their column are stored once, as a null metadata value
            return "(SELECT * REPLACE (map_from_entries(list_transform(map_entries(metadata), lambda e: {'key': e.key, "
                    + "'value': CASE WHEN e.value IS NOT NULL THEN e.value WHEN e.key = 'trace_id' THEN trace_id "
                    + "WHEN e.key = 'span_id' THEN span_id END})) AS metadata) FROM " + parts + ")";
        }
        return parts;
    }

    /** Every Parquet file of {@code table} on disk now, sorted. */
    public List<Path> partFiles(String table) {
        Path dir = tableDir(table);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasParts(String table) {
        return !partFiles(table).isEmpty();
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper) {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(mapper.map(rows));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError("DuckDB query failed: " + sql + "\n" + e.getMessage(), e);
        }
    }

    /** The first column of the only row. */
    public long queryLong(String sql) {
        List<Long> values = query(sql, row -> row.getLong(1));
        if (values.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + values.size());
        }
        return values.get(0);
    }

    /**
     * A JSON object (DuckDB's {@code to_json(map)}) as a sorted map of texts: strings as they are,
     * numbers and booleans in their JSON spelling. SQL NULL and JSON null are the empty map.
     */
    public static Map<String, String> textMap(String json) {
        Map<String, String> out = new TreeMap<>();
        if (json == null) {
            return out;
        }
        JsonNode node = parse(json);
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            out.put(field.getKey(), field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString());
        }
        return out;
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close DuckDB", e);
        }
    }
}
