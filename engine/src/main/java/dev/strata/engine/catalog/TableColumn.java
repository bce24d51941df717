package dev.strata.engine.catalog;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.types.pojo.Field;

/**
 * A column as SQL sees it, backed by one column of the store's scan schema. Nanosecond
 * timestamps appear twice: as {@code TIMESTAMP(3)} under their own name (what SQL time functions
 * work on) and as the exact {@code BIGINT} nanoseconds under {@code <name>_ns}.
 *
 * @param name the name users write
 * @param sourceColumn the column of {@link dev.strata.spi.table.TelemetryTables} it is read from
 * @param sourceField that column's Arrow field
 * @param conversion how the scan turns the source vector into this column's vector
 */
public record TableColumn(String name, String sourceColumn, Field sourceField, Conversion conversion) {
    /** How a scan produces the column from its source vector. */
    public enum Conversion {
        /** The source vector as it is. */
        NONE,
        /** A nanosecond timestamp floored to milliseconds. */
        NANOS_TO_MILLIS,
        /** A nanosecond timestamp read as its BIGINT epoch nanoseconds (same buffer). */
        NANOS_AS_BIGINT
    }

    public TableColumn {
        requireNonNull(name, "name is null");
        requireNonNull(sourceColumn, "sourceColumn is null");
        requireNonNull(sourceField, "sourceField is null");
        requireNonNull(conversion, "conversion is null");
    }
}
