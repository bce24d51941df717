package dev.strata.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code sql/differential.sql}, shared by this module's differential suite and the
 * end-to-end suite that runs them over the real store. A case starts at {@code -- name: <name>}
 * (suffix {@code ordered} when row order matters); an optional {@code -- duckdb} line starts the
 * DuckDB spelling of the same query.
 */
public final class DifferentialCases {
    private DifferentialCases() {}

    /** A case: its name, Strata's SQL, DuckDB's SQL (the same unless given) and whether order matters. */
    public record SqlCase(String name, String sql, String duckSql, boolean isOrdered) {}

    public static List<SqlCase> load() throws IOException {
        String text;
        try (InputStream in = DifferentialCases.class.getResourceAsStream("/sql/differential.sql")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<SqlCase> cases = new ArrayList<>();
        String name = null;
        boolean ordered = false;
        StringBuilder sql = new StringBuilder();
        StringBuilder duck = null;
        for (String line : (text + "\n-- name: end").split("\n")) {
            if (line.startsWith("-- name:")) {
                if (name != null) {
                    String strataSql = strip(sql.toString());
                    cases.add(new SqlCase(name, strataSql, duck == null ? strataSql : strip(duck.toString()), ordered));
                }
                String header = line.substring("-- name:".length()).trim();
                ordered = header.endsWith(" ordered");
                name = ordered ? header.substring(0, header.length() - " ordered".length()).trim() : header;
                sql = new StringBuilder();
                duck = null;
            } else if (line.startsWith("-- duckdb")) {
                duck = new StringBuilder();
            } else if (line.startsWith("--") || line.isBlank()) {
                continue;
            } else if (duck != null) {
                duck.append(line).append('\n');
            } else {
                sql.append(line).append('\n');
            }
        }
        return cases;
    }

    private static String strip(String sql) {
        String trimmed = sql.trim();
        return trimmed.endsWith(";") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
