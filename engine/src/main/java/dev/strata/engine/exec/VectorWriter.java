package dev.strata.engine.exec;

import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/** Writes single values into the vectors the operators create ({@link ValueKind#fieldType}). */
public final class VectorWriter {
    private VectorWriter() {}

    public static void setLong(FieldVector vector, int index, long value) {
        if (vector instanceof IntVector ints) {
            ints.setSafe(index, (int) value);
        } else if (vector instanceof DateDayVector days) {
            days.setSafe(index, (int) value);
        } else {
            BaseFixedWidthVector fixed = (BaseFixedWidthVector) vector;
            while (index >= fixed.getValueCapacity()) {
                fixed.reAlloc();
            }
            fixed.getDataBuffer().setLong((long) index * 8, value);
            fixed.setIndexDefined(index);
        }
    }

    public static void setDouble(FieldVector vector, int index, double value) {
        ((Float8Vector) vector).setSafe(index, value);
    }

    public static void setBoolean(FieldVector vector, int index, boolean value) {
        ((BitVector) vector).setSafe(index, value ? 1 : 0);
    }

    public static void setBytes(FieldVector vector, int index, byte[] bytes, int start, int length) {
        ((VarCharVector) vector).setSafe(index, bytes, start, length);
    }

    public static void setNull(FieldVector vector, int index) {
        while (index >= vector.getValueCapacity()) {
            vector.reAlloc();
        }
        vector.setNull(index);
    }
}
