package dev.strata.bench.ingest;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Compressed bytes per Parquet column over every part of a table, per row, as DuckDB reads the
 * footers ({@code parquet_metadata}): where the bytes on disk go. Usage:
 * {@code PartColumnSizes <data-dir> <table> <rows>}.
 */
public final class PartColumnSizes {
    private PartColumnSizes() {}

    public static void main(String[] args) {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PartColumnSizes <data-dir> <table> <rows>");
        }
        print(Path.of(args[0]).resolve("parts").resolve(args[1]), Long.parseLong(args[2]));
    }

    static void print(Path tableDir, long rows) {
        String glob = tableDir.toAbsolutePath().toString().replace("'", "''") + "/**/*.parquet";
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement st = duck.createStatement()) {
            st.execute("SET threads = 1");
            st.execute("SET autoinstall_known_extensions = false");
            long total = 0;
            try (ResultSet rs = st.executeQuery("SELECT path_in_schema, sum(total_compressed_size) AS c, "
                    + "sum(total_uncompressed_size) AS u, string_agg(DISTINCT encodings, ' ') AS e "
                    + "FROM parquet_metadata('" + glob + "') GROUP BY 1 ORDER BY c DESC")) {
                System.out.println("columns of " + tableDir.getFileName() + " (compressed B/row, uncompressed B/row, encodings):");
                while (rs.next()) {
                    total += rs.getLong(2);
                    System.out.printf("  %-36s %7.3f  (%7.3f)  %s%n", rs.getString(1), rs.getLong(2) / (double) rows,
                            rs.getLong(3) / (double) rows, rs.getString(4));
                }
            }
            System.out.printf("  %-36s %7.3f%n", "all column chunks", total / (double) rows);
        } catch (SQLException e) {
            System.out.println("columns: unavailable (" + e.getMessage() + ")");
        }
    }
}
