package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import java.nio.ByteOrder;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;

/**
 * One column of a batch as an expression sees it: primitive arrays for booleans, longs and
 * doubles (reused from batch to batch), or an Arrow vector for strings and maps. Arrays are sized
 * to the largest batch seen; {@link #size()} says how many entries are valid. Not thread-safe.
 */
public final class ColumnData {
    private static final byte[] ALL_ONES = allOnes(1 << 16);

    private final ValueKind kind;
    private int size;
    private long[] longs = new long[0];
    private double[] doubles = new double[0];
    private boolean[] booleans = new boolean[0];
    private boolean[] nulls = new boolean[0];
    private boolean mayHaveNulls;
    private FieldVector vector;

    public ColumnData(ValueKind kind) {
        this.kind = requireNonNull(kind, "kind is null");
    }

    private static byte[] allOnes(int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) 0xff);
        return bytes;
    }

    public ValueKind kind() {
        return kind;
    }

    public int size() {
        return size;
    }

    public long[] longs() {
        return longs;
    }

    public double[] doubles() {
        return doubles;
    }

    public boolean[] booleans() {
        return booleans;
    }

    /** Null flags; only meaningful when {@link #mayHaveNulls()}. */
    public boolean[] nulls() {
        return nulls;
    }

    public boolean mayHaveNulls() {
        return mayHaveNulls;
    }

    public boolean isNull(int row) {
        if (vector != null) {
            return vector.isNull(row);
        }
        return mayHaveNulls && nulls[row];
    }

    /** The vector of a string or map column (borrowed from the batch or owned by an expression). */
    public FieldVector vector() {
        return vector;
    }

    /** Prepares the arrays for {@code rows} values of this kind; keeps their old contents. */
    public void reset(int rows, boolean withNulls) {
        this.size = rows;
        this.mayHaveNulls = withNulls;
        this.vector = null;
        switch (kind) {
            case LONG -> {
                if (longs.length < rows) {
                    longs = new long[Math.max(rows, longs.length * 2)];
                }
            }
            case DOUBLE -> {
                if (doubles.length < rows) {
                    doubles = new double[Math.max(rows, doubles.length * 2)];
                }
            }
            case BOOLEAN -> {
                if (booleans.length < rows) {
                    booleans = new boolean[Math.max(rows, booleans.length * 2)];
                }
            }
            case STRING, MAP -> {
            }
        }
        if (withNulls && nulls.length < rows) {
            nulls = new boolean[Math.max(rows, nulls.length * 2)];
        }
    }

    /** Points this column at a string or map vector. */
    public void setVector(FieldVector newVector, int rows) {
        this.vector = requireNonNull(newVector, "newVector is null");
        this.size = rows;
        this.mayHaveNulls = true;
    }

    /** Loads {@code rows} values of {@code source} into this column's arrays (or references it). */
    public void load(FieldVector source, int rows) {
        switch (kind) {
            case STRING, MAP -> setVector(source, rows);
            case LONG -> {
                boolean withNulls = source.getNullCount() > 0;
                reset(rows, withNulls);
                readLongs(source, rows, longs);
                if (withNulls) {
                    readNulls(source, rows, nulls);
                }
            }
            case DOUBLE -> {
                boolean withNulls = source.getNullCount() > 0;
                reset(rows, withNulls);
                readDoubles(source, rows, doubles);
                if (withNulls) {
                    readNulls(source, rows, nulls);
                }
            }
            case BOOLEAN -> {
                boolean withNulls = source.getNullCount() > 0;
                reset(rows, withNulls);
                BitVector bits = (BitVector) source;
                for (int i = 0; i < rows; i++) {
                    booleans[i] = BitVectorHelper.get(bits.getDataBuffer(), i) != 0;
                }
                if (withNulls) {
                    readNulls(source, rows, nulls);
                }
            }
        }
    }

    /**
     * Loads the values of {@code rows} rows whose values are entries {@code ids[r]} of
     * {@code dictionary} (a column in dictionary form, {@code entries} entries). Booleans, longs
     * and doubles are gathered into the arrays; strings and maps keep only their null flags (all a
     * COUNT of them needs), with no vector.
     */
    public void loadGathered(FieldVector dictionary, int entries, int[] ids, int rows) {
        boolean withNulls = dictionary.getNullCount() > 0;
        if (kind == ValueKind.STRING || kind == ValueKind.MAP) {
            reset(rows, true);
            for (int r = 0; r < rows; r++) {
                nulls[r] = dictionary.isNull(ids[r]);
            }
            return;
        }
        load(dictionary, entries);
        long[] entryLongs = longs;
        double[] entryDoubles = doubles;
        boolean[] entryBooleans = booleans;
        boolean[] entryNulls = nulls;
        longs = new long[Math.max(rows, entryLongs.length)];
        doubles = new double[Math.max(rows, entryDoubles.length)];
        booleans = new boolean[Math.max(rows, entryBooleans.length)];
        nulls = new boolean[Math.max(rows, entryNulls.length)];
        reset(rows, withNulls);
        for (int r = 0; r < rows; r++) {
            int e = ids[r];
            switch (kind) {
                case LONG -> longs[r] = entryLongs[e];
                case DOUBLE -> doubles[r] = entryDoubles[e];
                default -> booleans[r] = entryBooleans[e];
            }
            if (withNulls) {
                nulls[r] = entryNulls[e];
            }
        }
    }

    /** Writes this column's first {@code rows} values into {@code target}, a vector of the column's SQL type. */
    public void writeTo(FieldVector target, int rows) {
        target.setInitialCapacity(rows);
        target.allocateNew();
        switch (kind) {
            case LONG -> writeLongs(target, rows);
            case DOUBLE -> {
                Float8Vector out = (Float8Vector) target;
                if (!mayHaveNulls && rows > 0) {
                    out.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(doubles, 0, rows);
                    setAllValid(out, rows);
                    break;
                }
                for (int i = 0; i < rows; i++) {
                    if (mayHaveNulls && nulls[i]) {
                        out.setNull(i);
                    } else {
                        out.set(i, doubles[i]);
                    }
                }
            }
            case BOOLEAN -> {
                BitVector out = (BitVector) target;
                for (int i = 0; i < rows; i++) {
                    if (mayHaveNulls && nulls[i]) {
                        out.setNull(i);
                    } else {
                        out.set(i, booleans[i] ? 1 : 0);
                    }
                }
            }
            case STRING, MAP -> {
                for (int i = 0; i < rows; i++) {
                    target.copyFromSafe(i, i, vector);
                }
            }
        }
        target.setValueCount(rows);
    }

    private void writeLongs(FieldVector target, int rows) {
        if (target instanceof IntVector out) {
            for (int i = 0; i < rows; i++) {
                if (mayHaveNulls && nulls[i]) {
                    out.setNull(i);
                } else {
                    out.set(i, (int) longs[i]);
                }
            }
        } else if (!mayHaveNulls && rows > 0) {
            BaseFixedWidthVector out = (BaseFixedWidthVector) target;
            out.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(longs, 0, rows);
            setAllValid(out, rows);
        } else {
            BaseFixedWidthVector out = (BaseFixedWidthVector) target;
            var data = out.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                if (mayHaveNulls && nulls[i]) {
                    out.setNull(i);
                } else {
                    data.setLong((long) i * 8, longs[i]);
                    out.setIndexDefined(i);
                }
            }
        }
    }

    /** Marks the first {@code rows} values of a freshly allocated fixed-width vector as set. */
    private static void setAllValid(BaseFixedWidthVector vector, int rows) {
        var validity = vector.getValidityBuffer();
        int fullBytes = rows / 8;
        for (int at = 0; at < fullBytes; at += ALL_ONES.length) {
            validity.setBytes(at, ALL_ONES, 0, Math.min(ALL_ONES.length, fullBytes - at));
        }
        for (int i = fullBytes * 8; i < rows; i++) {
            BitVectorHelper.setBit(validity, i);
        }
    }

    /** Reads integer-like vectors (ints, timestamps as their stored epoch units, dates) as longs. */
    public static void readLongs(FieldVector source, int rows, long[] out) {
        if (source instanceof BigIntVector || source instanceof TimeStampVector) {
            // one bounds check and a bulk copy instead of a checked ArrowBuf.getLong per row
            ((BaseFixedWidthVector) source).getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN)
                    .asLongBuffer().get(out, 0, rows);
        } else if (source instanceof IntVector ints) {
            for (int i = 0; i < rows; i++) {
                out[i] = ints.getDataBuffer().getInt((long) i * 4);
            }
        } else if (source instanceof DateDayVector days) {
            for (int i = 0; i < rows; i++) {
                out[i] = days.getDataBuffer().getInt((long) i * 4);
            }
        } else if (source instanceof SmallIntVector shorts) {
            for (int i = 0; i < rows; i++) {
                out[i] = shorts.getDataBuffer().getShort((long) i * 2);
            }
        } else if (source instanceof TinyIntVector bytes) {
            for (int i = 0; i < rows; i++) {
                out[i] = bytes.getDataBuffer().getByte(i);
            }
        } else {
            throw new IllegalArgumentException("not an integer vector: " + source.getField());
        }
    }

    public static void readDoubles(FieldVector source, int rows, double[] out) {
        if (source instanceof Float8Vector doubles) {
            doubles.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out, 0, rows);
        } else if (source instanceof Float4Vector floats) {
            for (int i = 0; i < rows; i++) {
                out[i] = floats.getDataBuffer().getFloat((long) i * 4);
            }
        } else {
            throw new IllegalArgumentException("not a floating point vector: " + source.getField());
        }
    }

    public static void readNulls(FieldVector source, int rows, boolean[] out) {
        for (int i = 0; i < rows; i++) {
            out[i] = source.isNull(i);
        }
    }
}
