package dev.strata.sql;

import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.RowValues;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Compares two results: row by row when ordered, as multisets otherwise. Integers compare
 * exactly, floating point values within 1e-9 relative, timestamps as instants, maps by content.
 */
public final class ResultComparison {
    private ResultComparison() {}

    /** Strata's values in the oracle's normal form: integers as Long, timestamps as Instant, maps sorted. */
    public static Object normalize(Object value, String typeName) {
        if (value == null) {
            return null;
        }
        if (typeName.equals("TIMESTAMP")) {
            return Instant.ofEpochMilli((Long) value);
        }
        if (value instanceof Integer number) {
            return number.longValue();
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

    /** All rows of {@code result}, each value {@link #normalize normalized}. */
    public static List<List<Object>> normalizedRows(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        List<ResultColumn> columns = result.columns();
        for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                List<Object> row = new ArrayList<>(columns.size());
                for (int c = 0; c < columns.size(); c++) {
                    ResultColumn column = columns.get(c);
                    row.add(normalize(RowValues.get(batch.getVector(c), r, column.type()), column.typeName()));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Null when equal, else a description of the first difference. */
    public static String difference(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
        if (expected.size() != actual.size()) {
            return "row count: expected " + expected.size() + " but was " + actual.size() + preview(expected, actual);
        }
        List<List<Object>> left = expected;
        List<List<Object>> right = actual;
        if (!ordered) {
            left = sorted(expected);
            right = sorted(actual);
        }
        for (int r = 0; r < left.size(); r++) {
            List<Object> a = left.get(r);
            List<Object> b = right.get(r);
            if (a.size() != b.size()) {
                return "row " + r + ": expected " + a + " but was " + b;
            }
            for (int c = 0; c < a.size(); c++) {
                if (!same(a.get(c), b.get(c))) {
                    return "row " + r + " column " + c + ": expected " + a + " but was " + b;
                }
            }
        }
        return null;
    }

    private static String preview(List<List<Object>> expected, List<List<Object>> actual) {
        return "\n  expected first rows " + expected.subList(0, Math.min(5, expected.size()))
                + "\n  actual first rows " + actual.subList(0, Math.min(5, actual.size()));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(ResultComparison::key));
        return copy;
    }

    private static String key(List<Object> row) {
        StringBuilder key = new StringBuilder();
        for (Object value : row) {
            if (value instanceof Double d) {
                key.append(String.format("%.6e", d));
            } else if (value instanceof Long l) {
                key.append(String.format("%.6e", (double) l));
            } else {
                key.append(value);
            }
            key.append('\u0001');
        }
        return key.toString();
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long && y instanceof Long) {
                return x.longValue() == y.longValue();
            }
            double p = x.doubleValue();
            double q = y.doubleValue();
            if (Double.isNaN(p) || Double.isNaN(q)) {
                return Double.isNaN(p) && Double.isNaN(q);
            }
            double scale = Math.max(Math.abs(p), Math.abs(q));
            return Math.abs(p - q) <= 1e-9 * scale || Math.abs(p - q) < 1e-12;
        }
        return a.equals(b);
    }
}
