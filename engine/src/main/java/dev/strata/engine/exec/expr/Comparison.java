package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** {@code = <> < <= > >=} over two operands of the same kind; a string literal operand is compared as bytes. */
final class Comparison extends VectorExpression {
    enum Op {
        EQ, NE, LT, LE, GT, GE;

        boolean test(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
            };
        }
    }

    private final Op op;
    private final VectorExpression left;
    private final VectorExpression right;
    private final byte[] rightConstant;

    Comparison(Op op, VectorExpression left, VectorExpression right) {
        super(ValueKind.BOOLEAN);
        this.op = op;
        this.left = left;
        this.right = right;
        this.rightConstant = right instanceof Literal literal && literal.kind() == ValueKind.STRING && !literal.isNull()
                ? literal.stringValue().getBytes(StandardCharsets.UTF_8)
                : null;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        ColumnData l = left.evaluate(batch);
        if (rightConstant != null) {
            compareStringToConstant(l, rows);
            return result;
        }
        ColumnData r = right.evaluate(batch);
        switch (left.kind()) {
            case LONG -> compareLongs(l, r, rows);
            case DOUBLE -> compareDoubles(l, r, rows);
            case BOOLEAN -> compareBooleans(l, r, rows);
            case STRING -> compareStrings(l, r, rows);
            case MAP -> throw new IllegalStateException("maps are not comparable");
        }
        return result;
    }

    private void nulls(ColumnData l, ColumnData r, int rows) {
        boolean withNulls = l.mayHaveNulls() || r.mayHaveNulls();
        result.reset(rows, withNulls);
        if (withNulls) {
            boolean[] out = result.nulls();
            for (int i = 0; i < rows; i++) {
                out[i] = l.isNull(i) || r.isNull(i);
            }
        }
    }

    private void compareLongs(ColumnData l, ColumnData r, int rows) {
        nulls(l, r, rows);
        long[] a = l.longs();
        long[] b = r.longs();
        boolean[] out = result.booleans();
        switch (op) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = a[i] == b[i]; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] != b[i]; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = a[i] < b[i]; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] <= b[i]; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = a[i] > b[i]; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] >= b[i]; } }
        }
    }

    private void compareDoubles(ColumnData l, ColumnData r, int rows) {
        nulls(l, r, rows);
        double[] a = l.doubles();
        double[] b = r.doubles();
        boolean[] out = result.booleans();
        switch (op) {
            case EQ -> { for (int i = 0; i < rows; i++) { out[i] = a[i] == b[i]; } }
            case NE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] != b[i]; } }
            case LT -> { for (int i = 0; i < rows; i++) { out[i] = a[i] < b[i]; } }
            case LE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] <= b[i]; } }
            case GT -> { for (int i = 0; i < rows; i++) { out[i] = a[i] > b[i]; } }
            case GE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] >= b[i]; } }
        }
    }

    private void compareBooleans(ColumnData l, ColumnData r, int rows) {
        nulls(l, r, rows);
        boolean[] a = l.booleans();
        boolean[] b = r.booleans();
        boolean[] out = result.booleans();
        for (int i = 0; i < rows; i++) {
            out[i] = op.test(Boolean.compare(a[i], b[i]));
        }
    }

    private void compareStrings(ColumnData l, ColumnData r, int rows) {
        nulls(l, r, rows);
        BaseVariableWidthVector a = (BaseVariableWidthVector) l.vector();
        BaseVariableWidthVector b = (BaseVariableWidthVector) r.vector();
        boolean[] out = result.booleans();
        var aOffsets = a.getOffsetBuffer();
        var bOffsets = b.getOffsetBuffer();
        for (int i = 0; i < rows; i++) {
            if (a.isNull(i) || b.isNull(i)) {
                continue;
            }
            int aStart = aOffsets.getInt((long) i * 4);
            int aEnd = aOffsets.getInt((long) (i + 1) * 4);
            int bStart = bOffsets.getInt((long) i * 4);
            int bEnd = bOffsets.getInt((long) (i + 1) * 4);
            out[i] = op.test(ByteFunctionHelpers.compare(a.getDataBuffer(), aStart, aEnd, b.getDataBuffer(), bStart, bEnd));
        }
    }

    private void compareStringToConstant(ColumnData l, int rows) {
        BaseVariableWidthVector a = (BaseVariableWidthVector) l.vector();
        boolean withNulls = a.getNullCount() > 0;
        result.reset(rows, withNulls);
        boolean[] out = result.booleans();
        boolean[] nulls = result.nulls();
        if (rows == 0) {
            return;
        }
        var offsets = a.getOffsetBuffer();
        var data = a.getDataBuffer();
        // the unchecked reads below stay within these bounds, checked once per batch
        if (offsets.capacity() < (long) (rows + 1) * 4 || data.capacity() < offsets.getInt((long) rows * 4)
                || withNulls && a.getValidityBuffer().capacity() < (rows + 7) / 8) {
            throw new IllegalStateException("string vector shorter than its offsets");
        }
        long offsetAddress = offsets.memoryAddress();
        long dataAddress = data.memoryAddress();
        long validityAddress = a.getValidityBuffer().memoryAddress();
        byte[] constant = rightConstant;
        boolean equality = op == Op.EQ || op == Op.NE;
        for (int i = 0; i < rows; i++) {
            if (withNulls) {
                boolean isNull = (MemoryUtil.getByte(validityAddress + (i >>> 3)) & (1 << (i & 7))) == 0;
                nulls[i] = isNull;
                if (isNull) {
                    continue;
                }
            }
            int start = MemoryUtil.getInt(offsetAddress + (long) i * 4);
            int length = MemoryUtil.getInt(offsetAddress + (long) (i + 1) * 4) - start;
            if (equality) {
                // most rows differ in length from the constant; equal lengths compare bytes
                boolean equal = length == constant.length && bytesEqual(dataAddress + start, constant);
                out[i] = equal == (op == Op.EQ);
            } else {
                out[i] = op.test(compare(dataAddress + start, length, constant));
            }
        }
    }

    private static boolean bytesEqual(long address, byte[] constant) {
        for (int j = 0; j < constant.length; j++) {
            if (MemoryUtil.getByte(address + j) != constant[j]) {
                return false;
            }
        }
        return true;
    }

    /** Unsigned byte-wise comparison, shorter first on a common prefix (as ByteFunctionHelpers.compare). */
    private static int compare(long address, int length, byte[] constant) {
        int common = Math.min(length, constant.length);
        for (int j = 0; j < common; j++) {
            int c = Integer.compare(MemoryUtil.getByte(address + j) & 0xFF, constant[j] & 0xFF);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(length, constant.length);
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
