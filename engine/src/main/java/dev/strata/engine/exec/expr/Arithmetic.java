package dev.strata.engine.exec.expr;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import dev.strata.spi.error.StrataException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** {@code + - * / %} over two longs or two doubles. Integer division by zero is an error, as in SQL. */
final class Arithmetic extends VectorExpression {
    enum Op { PLUS, MINUS, TIMES, DIVIDE, MOD }

    private final Op op;
    private final VectorExpression left;
    private final VectorExpression right;

    Arithmetic(ValueKind kind, Op op, VectorExpression left, VectorExpression right) {
        super(kind);
        this.op = op;
        this.left = left;
        this.right = right;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        ColumnData l = left.evaluate(batch);
        ColumnData r = right.evaluate(batch);
        boolean withNulls = l.mayHaveNulls() || r.mayHaveNulls();
        result.reset(rows, withNulls);
        boolean[] nulls = result.nulls();
        if (withNulls) {
            for (int i = 0; i < rows; i++) {
                nulls[i] = l.isNull(i) || r.isNull(i);
            }
        }
        if (kind == ValueKind.LONG) {
            long[] a = l.longs();
            long[] b = r.longs();
            long[] out = result.longs();
            switch (op) {
                case PLUS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] + b[i]; } }
                case MINUS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] - b[i]; } }
                case TIMES -> { for (int i = 0; i < rows; i++) { out[i] = a[i] * b[i]; } }
                case DIVIDE, MOD -> {
                    for (int i = 0; i < rows; i++) {
                        if (withNulls && nulls[i]) {
                            continue;
                        }
                        if (b[i] == 0) {
                            throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "division by zero");
                        }
                        out[i] = op == Op.DIVIDE ? a[i] / b[i] : a[i] % b[i];
                    }
                }
            }
        } else {
            double[] a = l.doubles();
            double[] b = r.doubles();
            double[] out = result.doubles();
            switch (op) {
                case PLUS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] + b[i]; } }
                case MINUS -> { for (int i = 0; i < rows; i++) { out[i] = a[i] - b[i]; } }
                case TIMES -> { for (int i = 0; i < rows; i++) { out[i] = a[i] * b[i]; } }
                case DIVIDE -> { for (int i = 0; i < rows; i++) { out[i] = a[i] / b[i]; } }
                case MOD -> { for (int i = 0; i < rows; i++) { out[i] = a[i] % b[i]; } }
            }
        }
        return result;
    }

    @Override
    public void close() {
        left.close();
        right.close();
    }
}
