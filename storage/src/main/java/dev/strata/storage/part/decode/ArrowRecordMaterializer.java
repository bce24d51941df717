package dev.strata.storage.part.decode;

import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.ValueVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

/**
 * Assembles records from parquet-java's record reader straight into Arrow vectors (no row objects):
 * one converter per vector, each writing at the index its parent's {@link Slot} points to (the row
 * for top-level columns, the entry for map and list children). Used for the nested and text
 * columns the vectorized path does not decode.
 */
public final class ArrowRecordMaterializer extends RecordMaterializer<Void> {
    private final Root root;

    /** {@code vectors} in the order of the requested Parquet schema's fields. */
    public ArrowRecordMaterializer(List<FieldVector> vectors) {
        this.root = new Root(vectors);
    }

    /** Starts a row group: the next record goes to row 0. */
    public void reset() {
        root.slot.index = 0;
    }

    @Override
    public Void getCurrentRecord() {
        return null;
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    /** The index a converter writes at; owned and advanced by its parent. */
    private static final class Slot {
        int index;
    }

    private static final class Root extends GroupConverter {
        private final Slot slot = new Slot();
        private final Converter[] children;

        Root(List<FieldVector> vectors) {
            children = new Converter[vectors.size()];
            for (int i = 0; i < children.length; i++) {
                children[i] = converterFor(vectors.get(i), slot);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            // the row index advances at the end of the record
        }

        @Override
        public void end() {
            slot.index++;
        }
    }

    private static Converter converterFor(ValueVector vector, Slot slot) {
        if (vector instanceof BigIntVector v) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    v.setSafe(slot.index, value);
                }
            };
        }
        if (vector instanceof TimeStampVector v) {
            return new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                    v.setSafe(slot.index, value);
                }
            };
        }
        if (vector instanceof Float8Vector v) {
            return new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                    v.setSafe(slot.index, value);
                }
            };
        }
        if (vector instanceof BitVector v) {
            return new PrimitiveConverter() {
                @Override
                public void addBoolean(boolean value) {
                    v.setSafe(slot.index, value ? 1 : 0);
                }
            };
        }
        if (vector instanceof VarCharVector v) {
            return new PrimitiveConverter() {
                @Override
                public void addBinary(Binary value) {
                    java.nio.ByteBuffer bytes = value.toByteBuffer();
                    v.setSafe(slot.index, bytes, bytes.position(), bytes.remaining());
                }
            };
        }
        if (vector instanceof MapVector v) {
            return new RepeatedConverter(v, slot);
        }
        if (vector instanceof ListVector v) {
            return new RepeatedConverter(v, slot);
        }
        if (vector instanceof StructVector v) {
            return new StructConverter(v, slot);
        }
        throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName() + " for " + vector.getName());
    }

    /**
     * A MAP or LIST group: {@code start} opens the row's value, the repeated child group
     * ({@code key_value} / {@code list}) advances the element slot once per element.
     */
    private static final class RepeatedConverter extends GroupConverter {
        private final ListVector vector;
        private final Slot slot;
        private final Slot element = new Slot();
        private final GroupConverter repeated;
        private int first;

        RepeatedConverter(ListVector vector, Slot slot) {
            this.vector = vector;
            this.slot = slot;
            this.repeated = vector instanceof MapVector
                    ? new EntryConverter((StructVector) vector.getDataVector(), element)
                    : new ElementConverter(converterFor(vector.getDataVector(), element), element);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return repeated;
        }

        @Override
        public void start() {
            first = vector.startNewValue(slot.index);
            element.index = first;
        }

        @Override
        public void end() {
            vector.endValue(slot.index, element.index - first);
        }
    }

    /** The repeated {@code list} group of a LIST: one {@code element} child per element. */
    private static final class ElementConverter extends GroupConverter {
        private final Converter element;
        private final Slot slot;

        ElementConverter(Converter element, Slot slot) {
            this.element = element;
            this.slot = slot;
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return element;
        }

        @Override
        public void start() {
            // the element converter writes at slot.index
        }

        @Override
        public void end() {
            slot.index++;
        }
    }

    /** The repeated {@code key_value} group of a MAP: key and value at the entry's index. */
    private static final class EntryConverter extends GroupConverter {
        private final StructVector entries;
        private final Slot slot;
        private final Converter key;
        private final Converter value;

        EntryConverter(StructVector entries, Slot slot) {
            this.entries = entries;
            this.slot = slot;
            this.key = converterFor(entries.getChildByOrdinal(0), slot);
            this.value = converterFor(entries.getChildByOrdinal(1), slot);
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return fieldIndex == 0 ? key : value;
        }

        @Override
        public void start() {
            entries.setIndexDefined(slot.index);
        }

        @Override
        public void end() {
            slot.index++;
        }
    }

    private static final class StructConverter extends GroupConverter {
        private final StructVector vector;
        private final Slot slot;
        private final Converter[] children;

        StructConverter(StructVector vector, Slot slot) {
            this.vector = vector;
            this.slot = slot;
            children = new Converter[vector.size()];
            for (int i = 0; i < children.length; i++) {
                children[i] = converterFor(vector.getChildByOrdinal(i), slot);
            }
        }

        @Override
        public Converter getConverter(int fieldIndex) {
            return children[fieldIndex];
        }

        @Override
        public void start() {
            vector.setIndexDefined(slot.index);
        }

        @Override
        public void end() {
            // fields were written at slot.index
        }
    }
}
