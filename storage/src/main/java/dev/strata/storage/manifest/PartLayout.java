package dev.strata.storage.manifest;

import dev.strata.storage.part.StoredSchemas;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Where parts lie and which columns they store. Paths are hive-style,
 * {@code parts/<table>/tenant=<tenant>/day=<yyyy-mm-dd>/<ulid>.parquet}, so DuckDB's
 * {@code read_parquet(..., hive_partitioning=true)} reads a table in place. Tenants are
 * URL-encoded in the path (plain ids stay as they are).
 */
public final class PartLayout {
    public static final String PARTS_DIR = "parts";
    public static final String SUFFIX = ".parquet";
    /** Parts are written here, outside every table's glob, and renamed into place when complete. */
    public static final String TEMP_DIR = "tmp";
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private PartLayout() {}

    public static String relativePath(String table, String tenant, LocalDate day, String id) {
        return PARTS_DIR + "/" + table + "/tenant=" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/day=" + day + "/" + id + SUFFIX;
    }

    /** The UTC day of a Unix-nanosecond instant. */
    public static LocalDate dayOf(long nanos) {
        return LocalDate.ofEpochDay(Math.floorDiv(nanos, NANOS_PER_DAY));
    }

    public static long dayStartNanos(LocalDate day) {
        return day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L;
    }

    public static long dayEndNanos(LocalDate day) {
        return dayStartNanos(day) + NANOS_PER_DAY - 1;
    }

    /**
     * The columns a part of {@code table} stores, in order: the scan schema, except that
     * {@code samples} leaves out {@code labels} (they are in {@code series}, joined on
     * {@code series_id}).
     */
    public static List<String> storedColumns(String table) {
        List<String> columns = new ArrayList<>();
        for (Field field : StoredSchemas.schema(table).getFields()) {
            columns.add(field.getName());
        }
        return columns;
    }

    /** The part id a file in a day directory belongs to: its name up to the first dot ({@code <id>.parquet}, {@code <id>.idx}). */
    public static String partIdOf(java.nio.file.Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
