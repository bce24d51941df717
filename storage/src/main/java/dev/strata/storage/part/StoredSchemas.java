package dev.strata.storage.part;

import dev.strata.spi.table.TelemetryTables;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How each table is stored in parts: its Arrow schema and its sort order. Equal to the scan schema
 * of {@link TelemetryTables} except that {@code samples} leaves out {@code labels}: a sample row is
 * understood through {@code metric} alone or by joining {@code series} on {@code series_id}
 * (docs/format/samples.md), which keeps the label text out of billions of rows.
 */
public final class StoredSchemas {
    public static final Schema SAMPLES = without(TelemetryTables.SAMPLES_SCHEMA, "labels");
    public static final Schema SERIES = TelemetryTables.SERIES_SCHEMA;
    public static final Schema LOGS = TelemetryTables.LOGS_SCHEMA;
    public static final Schema SPANS = TelemetryTables.SPANS_SCHEMA;

    private StoredSchemas() {}

    public static Schema schema(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES -> SAMPLES;
            case TelemetryTables.SERIES -> SERIES;
            case TelemetryTables.LOGS -> LOGS;
            case TelemetryTables.SPANS -> SPANS;
            default -> throw new IllegalArgumentException("unknown table: " + table);
        };
    }

    /** The columns rows are sorted by, most significant first. */
    public static List<String> sortOrder(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES -> List.of("metric", "series_id", "ts");
            case TelemetryTables.SERIES -> List.of("series_id");
            case TelemetryTables.LOGS -> List.of("stream_id", "ts");
            case TelemetryTables.SPANS -> List.of("trace_id", "start_ts");
            default -> throw new IllegalArgumentException("unknown table: " + table);
        };
    }

    /** The int64 id column row groups are pruned by, or null when the table has none. */
    public static String idColumn(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES, TelemetryTables.SERIES -> "series_id";
            case TelemetryTables.LOGS -> "stream_id";
            case TelemetryTables.SPANS -> null;
            default -> throw new IllegalArgumentException("unknown table: " + table);
        };
    }

    /** The time column row groups are pruned by, or null when the table has none. */
    public static String timeColumn(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES, TelemetryTables.LOGS -> "ts";
            case TelemetryTables.SPANS -> "start_ts";
            case TelemetryTables.SERIES -> null;
            default -> throw new IllegalArgumentException("unknown table: " + table);
        };
    }

    /** The stored schema projected to {@code columns}, in that order. */
    public static Schema project(String table, List<String> columns) {
        Schema full = schema(table);
        Field[] fields = new Field[columns.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = full.findField(columns.get(i));
        }
        return new Schema(List.of(fields));
    }

    private static Schema without(Schema schema, String column) {
        return new Schema(schema.getFields().stream().filter(f -> !f.getName().equals(column)).toList());
    }
}
