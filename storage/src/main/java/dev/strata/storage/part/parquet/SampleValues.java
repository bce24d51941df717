package dev.strata.storage.part.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The split storage of {@code samples.value} (docs/decisions/0015-value-and-log-encodings.md). A
 * sample whose double is a decimal {@code m / 10^k} (an integer when {@code k = 0}) that comes back
 * bit for bit from {@code (double) m / 10^k} is stored as {@code m} in the nullable INT64
 * {@value #INT_COLUMN} (DELTA_BINARY_PACKED: counters become small deltas) with {@code 10^k} in the
 * DOUBLE {@value #DIV_COLUMN}, and leaves {@value #DOUBLE_COLUMN} null; every other value
 * (NaN with its payload, ±Inf, -0.0, doubles with more digits) stays in the nullable
 * {@value #DOUBLE_COLUMN} (BYTE_STREAM_SPLIT). Exactly one of {@code value} and {@code value_int}
 * is set per row, so {@code coalesce(value, value_int / value_div)} is the sample's value.
 */
public final class SampleValues {
    public static final String DOUBLE_COLUMN = "value";
    public static final String INT_COLUMN = "value_int";
    public static final String DIV_COLUMN = "value_div";
    /** Most decimal digits tried; 10^15 and every mantissa below 2^53 are exact doubles. */
    public static final int MAX_SCALE = 15;
    private static final double[] POW10 = new double[MAX_SCALE + 1];
    private static final double EXACT_LIMIT = 0x1p53;

    static {
        double p = 1;
        for (int k = 0; k <= MAX_SCALE; k++) {
            POW10[k] = p;
            p *= 10;
        }
    }

    private SampleValues() {}

    /** True when a part's Parquet schema stores {@code samples.value} split. */
    public static boolean isSplit(MessageType fileSchema) {
        return fileSchema.containsField(INT_COLUMN);
    }

    /** The value of a row stored in {@code value_int} and {@code value_div}, as every reader computes it. */
    public static double join(long mantissa, double divisor) {
        return (double) mantissa / divisor;
    }

    /**
     * {@code schema} (a {@code samples} schema with a required DOUBLE {@code value}) with
     * {@code value} made optional and followed by the optional INT64 {@code value_int} and the
     * required DOUBLE {@code value_div}.
     */
    public static MessageType split(MessageType schema) {
        List<Type> fields = new ArrayList<>();
        for (Type field : schema.getFields()) {
            if (field.getName().equals(DOUBLE_COLUMN)) {
                fields.add(Types.primitive(PrimitiveTypeName.DOUBLE, Repetition.OPTIONAL).named(DOUBLE_COLUMN));
                fields.add(Types.primitive(PrimitiveTypeName.INT64, Repetition.OPTIONAL).named(INT_COLUMN));
                fields.add(Types.primitive(PrimitiveTypeName.DOUBLE, Repetition.REQUIRED).named(DIV_COLUMN));
            } else {
                fields.add(field);
            }
        }
        return new MessageType(schema.getName(), fields);
    }

    /**
     * Splits the values of one part in row order. Integers always take scale 0; otherwise the
     * scale sticks from row to row (a value with fewer digits is tried at the previous row's scale
     * first), so a decimal series keeps one divisor and its mantissas stay delta-friendly. Not
     * thread-safe; one per part written.
     */
    public static final class Splitter {
        private int scale;
        private long mantissa;

        /** True when {@code value} goes to {@code value_int}; then see {@link #mantissa()} and {@link #divisor()}. */
        public boolean split(double value) {
            // integers first: a counter after a decimal series must not inherit its scale (its
            // mantissas, and so its deltas, would grow by 10^k)
            if (integral(value) || fits(value, scale)) {
                return true;
            }
            for (int k = 0; k <= MAX_SCALE; k++) {
                if (k != scale && fits(value, k)) {
                    scale = k;
                    return true;
                }
                if (!(Math.abs(value) * POW10[k] < EXACT_LIMIT)) {
                    // larger scales only grow the mantissa past the exact range (and NaN/Inf end here)
                    return false;
                }
            }
            return false;
        }

        private boolean integral(double value) {
            long integer = (long) value;
            // any integer a long holds exactly (also above 2^53); NaN, ±Inf, -0.0 fail the bit test
            if (Double.doubleToRawLongBits((double) integer) == Double.doubleToRawLongBits(value)) {
                scale = 0;
                mantissa = integer;
                return true;
            }
            return false;
        }

        private boolean fits(double value, int k) {
            double scaled = value * POW10[k];
            if (!(Math.abs(scaled) < EXACT_LIMIT)) {
                return false;
            }
            long m = Math.round(scaled);
            if (Double.doubleToRawLongBits(join(m, POW10[k])) != Double.doubleToRawLongBits(value)) {
                return false;
            }
            mantissa = m;
            return true;
        }

        public long mantissa() {
            return mantissa;
        }

        /** 10^scale of the last value split into {@code value_int}; also written for rows kept in {@code value}. */
        public double divisor() {
            return POW10[scale];
        }
    }
}
