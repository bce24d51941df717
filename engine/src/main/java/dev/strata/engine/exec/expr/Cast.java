package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Numeric casts: long to double, double to long (truncating, as Calcite does), and negation. */
final class Cast extends VectorExpression {
    private final VectorExpression operand;
    private final boolean negate;

    Cast(ValueKind kind, VectorExpression operand, boolean negate) {
        super(kind);
        this.operand = operand;
        this.negate = negate;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        ColumnData in = operand.evaluate(batch);
        result.reset(rows, in.mayHaveNulls());
        if (in.mayHaveNulls()) {
            System.arraycopy(in.nulls(), 0, result.nulls(), 0, rows);
        }
        int sign = negate ? -1 : 1;
        if (kind == ValueKind.DOUBLE) {
            double[] out = result.doubles();
            if (operand.kind() == ValueKind.LONG) {
                long[] values = in.longs();
                for (int i = 0; i < rows; i++) {
                    out[i] = sign * (double) values[i];
                }
            } else {
                double[] values = in.doubles();
                for (int i = 0; i < rows; i++) {
                    out[i] = sign * values[i];
                }
            }
        } else {
            long[] out = result.longs();
            if (operand.kind() == ValueKind.LONG) {
                long[] values = in.longs();
                for (int i = 0; i < rows; i++) {
                    out[i] = sign * values[i];
                }
            } else {
                double[] values = in.doubles();
                for (int i = 0; i < rows; i++) {
                    out[i] = sign * (long) values[i];
                }
            }
        }
        return result;
    }

    @Override
    public void close() {
        operand.close();
    }
}
