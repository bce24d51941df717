package dev.strata.storage.part.parquet;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes one row of a {@link VectorSchemaRoot} per {@link #write} call: the row is chosen with
 * {@link #row(int)} and the root with {@link #bind}. The write path is not the hot path (a part is
 * written once), so per-value virtual calls are fine here.
 */
public final class ArrowWriteSupport extends WriteSupport<VectorSchemaRoot> {
    private final Schema schema;
    private final MessageType parquetSchema;
    private final java.util.Map<String, String> extraMetadata;
    private RecordConsumer consumer;
    private VectorSchemaRoot boundRoot;
    private final int splitValueIndex;
    private final SampleValues.Splitter splitter = new SampleValues.Splitter();
    private ValueWriter[] writers;
    private int[] parquetIndexes;
    private int row;

    public ArrowWriteSupport(Schema schema, java.util.Map<String, String> extraMetadata) {
        this(schema, extraMetadata, false);
    }

    /**
     * @param splitValue store the double {@code value} column as {@code value}/{@code value_int}/{@code value_div}
     *     ({@link SampleValues}); the schema must then have a {@code value} field
     */
    public ArrowWriteSupport(Schema schema, java.util.Map<String, String> extraMetadata, boolean splitValue) {
        this.schema = requireNonNull(schema, "schema is null");
        MessageType plain = ParquetSchemas.toParquet(schema);
        this.parquetSchema = splitValue ? SampleValues.split(plain) : plain;
        this.splitValueIndex = splitValue ? schema.getFields().indexOf(schema.findField(SampleValues.DOUBLE_COLUMN)) : -1;
        this.extraMetadata = new HashMap<>(extraMetadata);
    }

    public MessageType parquetSchema() {
        return parquetSchema;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, extraMetadata);
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return new WriteContext(parquetSchema, extraMetadata);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    /** Binds the writers to the vectors of {@code root} (a new batch). */
    public void bind(VectorSchemaRoot root) {
        if (!root.getSchema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + root.getSchema() + " is not the stored schema " + schema);
        }
        List<FieldVector> vectors = root.getFieldVectors();
        writers = new ValueWriter[vectors.size()];
        parquetIndexes = new int[vectors.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = writerFor(vectors.get(i));
            // fields after a split value column sit two further right in the Parquet schema
            parquetIndexes[i] = splitValueIndex >= 0 && i > splitValueIndex ? i + 2 : i;
        }
        boundRoot = root;
    }

    public void row(int index) {
        this.row = index;
    }

    @Override
    public void write(VectorSchemaRoot root) {
        if (root != boundRoot) {
            throw new IllegalStateException("write called with a root that is not bound");
        }
        consumer.startMessage();
        List<FieldVector> vectors = root.getFieldVectors();
        for (int i = 0; i < writers.length; i++) {
            if (i == splitValueIndex) {
                writeSplitValue(consumer, (Float8Vector) vectors.get(i), i, row);
            } else {
                writeField(consumer, vectors.get(i), parquetIndexes[i], writers[i], row);
            }
        }
        consumer.endMessage();
    }

    private void writeSplitValue(RecordConsumer rc, Float8Vector vector, int index, int row) {
        double value = vector.get(row);
        if (splitter.split(value)) {
            rc.startField(SampleValues.INT_COLUMN, index + 1);
            rc.addLong(splitter.mantissa());
            rc.endField(SampleValues.INT_COLUMN, index + 1);
        } else {
            rc.startField(SampleValues.DOUBLE_COLUMN, index);
            rc.addDouble(value);
            rc.endField(SampleValues.DOUBLE_COLUMN, index);
        }
        rc.startField(SampleValues.DIV_COLUMN, index + 2);
        rc.addDouble(splitter.divisor());
        rc.endField(SampleValues.DIV_COLUMN, index + 2);
    }

    private static void writeField(RecordConsumer rc, ValueVector vector, int index, ValueWriter writer, int row) {
        if (vector.isNull(row)) {
            return;
        }
        String name = vector.getName();
        rc.startField(name, index);
        writer.write(rc, row);
        rc.endField(name, index);
    }

    @FunctionalInterface
    private interface ValueWriter {
        void write(RecordConsumer rc, int row);
    }

    private static ValueWriter writerFor(ValueVector vector) {
        if (vector instanceof BigIntVector v) {
            return (rc, row) -> rc.addLong(v.get(row));
        }
        if (vector instanceof TimeStampVector v) {
            return (rc, row) -> rc.addLong(v.get(row));
        }
        if (vector instanceof Float8Vector v) {
            // raw bits go through unchanged (parquet-java writes doubleToRawLongBits), so the
            // staleness-marker NaN keeps its payload
            return (rc, row) -> rc.addDouble(v.get(row));
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
                        writeField(rc, key, 0, keyWriter, e);
                        writeField(rc, value, 1, valueWriter, e);
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
                        if (!element.isNull(e)) {
                            rc.startField("element", 0);
                            elementWriter.write(rc, e);
                            rc.endField("element", 0);
                        }
                        rc.endGroup();
                    }
                    rc.endField("list", 0);
                }
                rc.endGroup();
            };
        }
        if (vector instanceof StructVector v) {
            ValueVector[] children = new ValueVector[v.size()];
            ValueWriter[] childWriters = new ValueWriter[children.length];
            for (int c = 0; c < children.length; c++) {
                children[c] = v.getChildByOrdinal(c);
                childWriters[c] = writerFor(children[c]);
            }
            return (rc, row) -> {
                rc.startGroup();
                for (int c = 0; c < children.length; c++) {
                    writeField(rc, children[c], c, childWriters[c], row);
                }
                rc.endGroup();
            };
        }
        throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName() + " for " + vector.getName());
    }
}
