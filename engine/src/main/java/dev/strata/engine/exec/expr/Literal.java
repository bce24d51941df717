package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A constant, expanded to a column once per batch size. */
final class Literal extends VectorExpression {
    private final boolean isNull;
    private final long longValue;
    private final double doubleValue;
    private final boolean booleanValue;
    private final String stringValue;
    private final BufferAllocator allocator;
    private VarCharVector strings;
    private int filledRows = -1;

    private Literal(ValueKind kind, boolean isNull, long longValue, double doubleValue, boolean booleanValue, String stringValue, BufferAllocator allocator) {
        super(kind);
        this.isNull = isNull;
        this.longValue = longValue;
        this.doubleValue = doubleValue;
        this.booleanValue = booleanValue;
        this.stringValue = stringValue;
        this.allocator = allocator;
    }

    static Literal nullOf(ValueKind kind, BufferAllocator allocator) {
        return new Literal(kind, true, 0, 0, false, null, allocator);
    }

    static Literal ofLong(long value) {
        return new Literal(ValueKind.LONG, false, value, 0, false, null, null);
    }

    static Literal ofDouble(double value) {
        return new Literal(ValueKind.DOUBLE, false, 0, value, false, null, null);
    }

    static Literal ofBoolean(boolean value) {
        return new Literal(ValueKind.BOOLEAN, false, 0, 0, value, null, null);
    }

    static Literal ofString(String value, BufferAllocator allocator) {
        return new Literal(ValueKind.STRING, false, 0, 0, false, value, allocator);
    }

    BufferAllocator allocatorForNull() {
        return allocator;
    }

    boolean isNull() {
        return isNull;
    }

    String stringValue() {
        return stringValue;
    }

    long longValue() {
        return longValue;
    }

    double doubleValue() {
        return doubleValue;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (rows == filledRows) {
            if (strings != null) {
                result.setVector(strings, rows);
            }
            return result;
        }
        filledRows = rows;
        switch (kind) {
            case LONG -> {
                result.reset(rows, isNull);
                Arrays.fill(result.longs(), 0, rows, longValue);
            }
            case DOUBLE -> {
                result.reset(rows, isNull);
                Arrays.fill(result.doubles(), 0, rows, doubleValue);
            }
            case BOOLEAN -> {
                result.reset(rows, isNull);
                Arrays.fill(result.booleans(), 0, rows, booleanValue);
            }
            case STRING, MAP -> {
                if (strings == null) {
                    strings = new VarCharVector("literal", allocator);
                }
                strings.allocateNew(rows);
                byte[] bytes = isNull ? null : stringValue.getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < rows; i++) {
                    if (bytes == null) {
                        strings.setNull(i);
                    } else {
                        strings.setSafe(i, bytes);
                    }
                }
                strings.setValueCount(rows);
                result.setVector(strings, rows);
            }
        }
        if (isNull && kind != ValueKind.STRING && kind != ValueKind.MAP) {
            Arrays.fill(result.nulls(), 0, rows, true);
        }
        return result;
    }

    @Override
    public void close() {
        if (strings != null) {
            strings.close();
        }
    }
}
