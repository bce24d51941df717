package dev.strata.spi.table;

import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The tables every tenant has and the Arrow schema a scan of each yields. These column names are
 * the ones users write in SQL. How a table lies on disk is the store's business
 * (docs/format/); this is the contract between the store and the engine.
 */
public final class TelemetryTables {
    public static final String SAMPLES = "samples";
    public static final String SERIES = "series";
    public static final String LOGS = "logs";
    public static final String SPANS = "spans";
    public static final List<String> ALL = List.of(SAMPLES, SERIES, LOGS, SPANS);

    private static final ArrowType UTF8 = ArrowType.Utf8.INSTANCE;
    private static final ArrowType INT64 = new ArrowType.Int(64, true);
    private static final ArrowType FLOAT64 = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    private static final ArrowType TS_MILLIS = new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC");
    private static final ArrowType TS_NANOS = new ArrowType.Timestamp(TimeUnit.NANOSECOND, "UTC");

    /**
     * {@code samples}: one row per sample. {@code series_id} is {@code Labels.stableHash()} of the
     * full label set (with {@code __name__}); {@code metric} is {@code __name__} and
     * {@code labels} the other labels. Staleness markers are kept as the NaN bit pattern
     * {@code 0x7ff0000000000002}.
     */
    public static final Schema SAMPLES_SCHEMA = new Schema(List.of(
            notNull("series_id", INT64),
            notNull("metric", UTF8),
            stringMap("labels"),
            notNull("ts", TS_MILLIS),
            notNull("value", FLOAT64)));

    /** {@code series}: one row per series ever written. */
    public static final Schema SERIES_SCHEMA = new Schema(List.of(
            notNull("series_id", INT64),
            notNull("metric", UTF8),
            stringMap("labels"),
            nullable("metric_type", UTF8),
            nullable("help", UTF8),
            nullable("unit", UTF8)));

    /** {@code logs}: one row per log line; {@code stream_id} is the stable hash of {@code labels}. */
    public static final Schema LOGS_SCHEMA = new Schema(List.of(
            notNull("stream_id", INT64),
            stringMap("labels"),
            notNull("ts", TS_NANOS),
            notNull("line", UTF8),
            stringMap("metadata"),
            nullable("trace_id", UTF8),
            nullable("span_id", UTF8),
            nullable("level", UTF8)));

    /**
     * {@code spans}: the OTLP span model. Ids are lower-case hex. {@code attributes} and
     * {@code resource_attributes} hold every attribute as text (ints in decimal, doubles in
     * shortest round-trip form, booleans as true/false, arrays and maps as JSON); the
     * {@code *_int}, {@code *_double} and {@code *_bool} maps hold the non-string ones again with
     * their OTLP type, so the type of every attribute is known.
     */
    public static final Schema SPANS_SCHEMA = new Schema(List.of(
            notNull("trace_id", UTF8),
            notNull("span_id", UTF8),
            nullable("parent_span_id", UTF8),
            nullable("trace_state", UTF8),
            notNull("name", UTF8),
            notNull("kind", UTF8),
            notNull("service_name", UTF8),
            notNull("start_ts", TS_NANOS),
            notNull("end_ts", TS_NANOS),
            notNull("duration_ns", INT64),
            notNull("status_code", UTF8),
            nullable("status_message", UTF8),
            stringMap("attributes"),
            typedMap("attributes_int", INT64),
            typedMap("attributes_double", FLOAT64),
            typedMap("attributes_bool", ArrowType.Bool.INSTANCE),
            stringMap("resource_attributes"),
            typedMap("resource_attributes_int", INT64),
            typedMap("resource_attributes_double", FLOAT64),
            typedMap("resource_attributes_bool", ArrowType.Bool.INSTANCE),
            nullable("scope_name", UTF8),
            nullable("scope_version", UTF8),
            new Field("events", FieldType.notNullable(ArrowType.List.INSTANCE), List.of(
                    new Field("item", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                            notNull("ts", TS_NANOS),
                            notNull("name", UTF8),
                            stringMap("attributes"))))),
            new Field("links", FieldType.notNullable(ArrowType.List.INSTANCE), List.of(
                    new Field("item", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                            notNull("trace_id", UTF8),
                            notNull("span_id", UTF8),
                            nullable("trace_state", UTF8),
                            stringMap("attributes")))))));

    private TelemetryTables() {}

    public static Schema schema(String table) {
        return switch (table) {
            case SAMPLES -> SAMPLES_SCHEMA;
            case SERIES -> SERIES_SCHEMA;
            case LOGS -> LOGS_SCHEMA;
            case SPANS -> SPANS_SCHEMA;
            default -> throw new IllegalArgumentException("unknown table: " + table);
        };
    }

    /** The schema with only {@code columns}, in that order. */
    public static Schema project(String table, List<String> columns) {
        Schema full = schema(table);
        return new Schema(columns.stream().map(full::findField).toList());
    }

    private static Field notNull(String name, ArrowType type) {
        return new Field(name, FieldType.notNullable(type), null);
    }

    private static Field nullable(String name, ArrowType type) {
        return new Field(name, FieldType.nullable(type), null);
    }

    private static Field stringMap(String name) {
        return typedMap(name, UTF8);
    }

    /** Arrow's canonical map layout: {@code map<entries: struct<key not null, value>>}, keys sorted. */
    private static Field typedMap(String name, ArrowType valueType) {
        return new Field(name, FieldType.notNullable(new ArrowType.Map(true)), List.of(
                new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                        notNull("key", UTF8),
                        nullable("value", valueType)))));
    }
}
