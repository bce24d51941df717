package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.VectorSchemaRoot;

/** IS [NOT] NULL, IS [NOT] TRUE, IS [NOT] FALSE: never null themselves. */
final class NullTest extends VectorExpression {
    enum Op { IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE }

    private final Op op;
    private final VectorExpression operand;

    NullTest(Op op, VectorExpression operand) {
        super(ValueKind.BOOLEAN);
        this.op = op;
        this.operand = operand;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        ColumnData in = operand.evaluate(batch);
        result.reset(rows, false);
        boolean[] out = result.booleans();
        for (int i = 0; i < rows; i++) {
            boolean isNull = in.isNull(i);
            out[i] = switch (op) {
                case IS_NULL -> isNull;
                case IS_NOT_NULL -> !isNull;
                case IS_TRUE -> !isNull && in.booleans()[i];
                case IS_NOT_TRUE -> isNull || !in.booleans()[i];
                case IS_FALSE -> !isNull && !in.booleans()[i];
                case IS_NOT_FALSE -> isNull || in.booleans()[i];
            };
        }
        return result;
    }

    @Override
    public void close() {
        operand.close();
    }
}
