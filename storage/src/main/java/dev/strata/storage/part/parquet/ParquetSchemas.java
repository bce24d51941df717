package dev.strata.storage.part.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Maps the stored Arrow schemas to Parquet with the logical types other readers understand: maps
 * as MAP ({@code key_value} groups), lists as three-level LIST ({@code list}/{@code element}),
 * timestamps as TIMESTAMP(unit, isAdjustedToUTC=true), text as STRING.
 */
public final class ParquetSchemas {
    public static final String MESSAGE_NAME = "strata";

    private ParquetSchemas() {}

    public static MessageType toParquet(Schema schema) {
        List<Type> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(toParquet(field));
        }
        return new MessageType(MESSAGE_NAME, fields);
    }

    static Type toParquet(Field field) {
        Repetition repetition = field.isNullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
        String name = field.getName();
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Int -> {
                ArrowType.Int integer = (ArrowType.Int) type;
                if (integer.getBitWidth() != 64 || !integer.getIsSigned()) {
                    throw new IllegalArgumentException("only signed int64 is stored: " + field);
                }
                yield Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            }
            case FloatingPoint -> {
                if (((ArrowType.FloatingPoint) type).getPrecision() != FloatingPointPrecision.DOUBLE) {
                    throw new IllegalArgumentException("only double is stored: " + field);
                }
                yield Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            }
            case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case Utf8 -> Types.primitive(PrimitiveTypeName.BINARY, repetition)
                    .as(LogicalTypeAnnotation.stringType()).named(name);
            case Timestamp -> {
                ArrowType.Timestamp ts = (ArrowType.Timestamp) type;
                LogicalTypeAnnotation.TimeUnit unit = switch (ts.getUnit()) {
                    case MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
                    case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
                    case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
                    case SECOND -> throw new IllegalArgumentException("second timestamps are not stored: " + field);
                };
                yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, unit)).named(name);
            }
            case Map -> {
                Field entries = field.getChildren().get(0);
                yield Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(new GroupType(Repetition.REPEATED, "key_value",
                                toParquet(entries.getChildren().get(0)), toParquet(entries.getChildren().get(1))))
                        .named(name);
            }
            case List -> {
                Field item = field.getChildren().get(0);
                Field element = new Field("element", item.getFieldType(), item.getChildren());
                yield Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                        .addField(new GroupType(Repetition.REPEATED, "list", toParquet(element)))
                        .named(name);
            }
            case Struct -> {
                List<Type> children = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    children.add(toParquet(child));
                }
                yield new GroupType(repetition, name, children);
            }
            default -> throw new IllegalArgumentException("unsupported stored type: " + field);
        };
    }

    /** The time unit of an Arrow timestamp field, as nanoseconds per unit. */
    public static long nanosPerUnit(Field timestamp) {
        TimeUnit unit = ((ArrowType.Timestamp) timestamp.getType()).getUnit();
        return switch (unit) {
            case SECOND -> 1_000_000_000L;
            case MILLISECOND -> 1_000_000L;
            case MICROSECOND -> 1_000L;
            case NANOSECOND -> 1L;
        };
    }
}
