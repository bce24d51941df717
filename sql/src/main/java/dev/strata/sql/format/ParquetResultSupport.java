package dev.strata.sql.format;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Writes one row of a bound result batch per {@code write} call. Arrow types map to the Parquet
 * logical types other readers understand: integers as INT32/INT64 with their width, TIMESTAMP as
 * INT64 TIMESTAMP(unit, UTC) (Strata's timestamps are UTC instants), DATE, STRING, MAP
 * ({@code key_value}), three-level LIST and groups for structs. Every column is optional, because
 * a result column's nullability is not tracked through every operator. Types without a mapping
 * are written as their text. Results are small next to parts, so per-value calls are fine here.
 */
final class ParquetResultSupport extends WriteSupport<VectorSchemaRoot> {
    private final List<Field> fields;
    private final MessageType schema;
    private RecordConsumer consumer;
    private VectorSchemaRoot bound;
    private ValueWriter[] writers;
    private int row;

    ParquetResultSupport(List<Field> fields) {
        this.fields = List.copyOf(requireNonNull(fields, "fields is null"));
        List<Type> types = new ArrayList<>();
        for (Field field : this.fields) {
            types.add(toParquet(field, field.getName(), Repetition.OPTIONAL));
        }
        this.schema = new MessageType("result", types);
    }

    MessageType schema() {
        return schema;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(schema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    /** Binds the writers to {@code batch}'s vectors; a result's batches may be different roots. */
    void bind(VectorSchemaRoot batch) {
        if (batch.getFieldVectors().size() != fields.size()) {
            throw new IllegalArgumentException("batch has " + batch.getFieldVectors().size() + " columns, the result " + fields.size());
        }
        writers = new ValueWriter[fields.size()];
        for (int c = 0; c < writers.length; c++) {
            writers[c] = writerFor(batch.getVector(c));
        }
        bound = batch;
    }

    void row(int index) {
        this.row = index;
    }

    @Override
    public void write(VectorSchemaRoot batch) {
        if (batch != bound) {
            throw new IllegalStateException("write called with a batch that is not bound");
        }
        consumer.startMessage();
        for (int c = 0; c < writers.length; c++) {
            writeField(consumer, batch.getVector(c), fields.get(c).getName(), c, writers[c], row);
        }
        consumer.endMessage();
    }

    private static void writeField(RecordConsumer rc, ValueVector vector, String name, int index, ValueWriter writer, int row) {
        if (vector.isNull(row)) {
            return;
        }
        rc.startField(name, index);
        writer.write(rc, row);
        rc.endField(name, index);
    }

    @FunctionalInterface
    private interface ValueWriter {
        void write(RecordConsumer rc, int row);
    }

    static Type toParquet(Field field, String name, Repetition repetition) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Int -> {
                ArrowType.Int integer = (ArrowType.Int) type;
                if (integer.getBitWidth() == 64) {
                    yield Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
                }
                yield Types.primitive(PrimitiveTypeName.INT32, repetition)
                        .as(LogicalTypeAnnotation.intType(integer.getBitWidth(), true)).named(name);
            }
            case FloatingPoint -> ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.SINGLE
                    ? Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name)
                    : Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case Bool -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case Date -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case Timestamp -> {
                LogicalTypeAnnotation.TimeUnit unit = switch (((ArrowType.Timestamp) type).getUnit()) {
                    case SECOND, MILLISECOND -> LogicalTypeAnnotation.TimeUnit.MILLIS;
                    case MICROSECOND -> LogicalTypeAnnotation.TimeUnit.MICROS;
                    case NANOSECOND -> LogicalTypeAnnotation.TimeUnit.NANOS;
                };
                yield Types.primitive(PrimitiveTypeName.INT64, repetition)
                        .as(LogicalTypeAnnotation.timestampType(true, unit)).named(name);
            }
            case Map -> {
                Field entries = field.getChildren().get(0);
                yield Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
                        .addField(new GroupType(Repetition.REPEATED, "key_value",
                                toParquet(entries.getChildren().get(0), "key", Repetition.REQUIRED),
                                toParquet(entries.getChildren().get(1), "value", Repetition.OPTIONAL)))
                        .named(name);
            }
            case List -> Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(new GroupType(Repetition.REPEATED, "list",
                            toParquet(field.getChildren().get(0), "element", Repetition.OPTIONAL)))
                    .named(name);
            case Struct -> {
                List<Type> children = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    children.add(toParquet(child, child.getName(), Repetition.OPTIONAL));
                }
                yield new GroupType(repetition, name, children);
            }
            default -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
        };
    }

    private static ValueWriter writerFor(ValueVector vector) {
        if (vector instanceof TimeStampVector v) {
            long factor = v.getField().getType() instanceof ArrowType.Timestamp ts
                    && ts.getUnit() == org.apache.arrow.vector.types.TimeUnit.SECOND ? 1000L : 1L;
            return (rc, row) -> rc.addLong(v.getDataBuffer().getLong((long) row * TimeStampVector.TYPE_WIDTH) * factor);
        }
        if (vector instanceof DateDayVector v) {
            return (rc, row) -> rc.addInteger(v.get(row));
        }
        if (vector instanceof BaseIntVector v && v.getField().getType() instanceof ArrowType.Int integer) {
            return integer.getBitWidth() == 64
                    ? (rc, row) -> rc.addLong(v.getValueAsLong(row))
                    : (rc, row) -> rc.addInteger((int) v.getValueAsLong(row));
        }
        if (vector instanceof Float8Vector v) {
            return (rc, row) -> rc.addDouble(v.get(row));
        }
        if (vector instanceof Float4Vector v) {
            return (rc, row) -> rc.addFloat(v.get(row));
        }
        if (vector instanceof BitVector v) {
            return (rc, row) -> rc.addBoolean(v.get(row) == 1);
        }
        if (vector instanceof VarCharVector v) {
            return (rc, row) -> rc.addBinary(Binary.fromConstantByteArray(v.get(row)));
        }
        if (vector instanceof MapVector v) {
            StructVector entries = (StructVector) v.getDataVector();
            ValueVector key = entries.getChildByOrdinal(0);
            ValueVector value = entries.getChildByOrdinal(1);
            ValueWriter keyWriter = writerFor(key);
            ValueWriter valueWriter = writerFor(value);
            return (rc, row) -> {
                rc.startGroup();
                int start = v.getElementStartIndex(row);
                int end = v.getElementEndIndex(row);
                if (end > start) {
                    rc.startField("key_value", 0);
                    for (int e = start; e < end; e++) {
                        rc.startGroup();
                        writeField(rc, key, "key", 0, keyWriter, e);
                        writeField(rc, value, "value", 1, valueWriter, e);
                        rc.endGroup();
                    }
                    rc.endField("key_value", 0);
                }
                rc.endGroup();
            };
        }
        if (vector instanceof ListVector v) {
            ValueVector element = v.getDataVector();
            ValueWriter elementWriter = writerFor(element);
            return (rc, row) -> {
                rc.startGroup();
                int start = v.getElementStartIndex(row);
                int end = v.getElementEndIndex(row);
                if (end > start) {
                    rc.startField("list", 0);
                    for (int e = start; e < end; e++) {
                        rc.startGroup();
                        writeField(rc, element, "element", 0, elementWriter, e);
                        rc.endGroup();
                    }
                    rc.endField("list", 0);
                }
                rc.endGroup();
            };
        }
        if (vector instanceof StructVector v) {
            ValueVector[] children = new ValueVector[v.size()];
            String[] names = new String[children.length];
            ValueWriter[] childWriters = new ValueWriter[children.length];
            for (int c = 0; c < children.length; c++) {
                children[c] = v.getChildByOrdinal(c);
                names[c] = children[c].getName();
                childWriters[c] = writerFor(children[c]);
            }
            return (rc, row) -> {
                rc.startGroup();
                for (int c = 0; c < children.length; c++) {
                    writeField(rc, children[c], names[c], c, childWriters[c], row);
                }
                rc.endGroup();
            };
        }
        return (rc, row) -> rc.addBinary(Binary.fromConstantByteArray(
                String.valueOf(vector.getObject(row)).getBytes(StandardCharsets.UTF_8)));
    }
}
