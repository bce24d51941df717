package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/** AND, OR and NOT with SQL's three-valued logic. */
final class Logical extends VectorExpression {
    enum Op { AND, OR, NOT }

    private final Op op;
    private final List<VectorExpression> operands;

    Logical(Op op, List<VectorExpression> operands) {
        super(ValueKind.BOOLEAN);
        this.op = op;
        this.operands = List.copyOf(operands);
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (op == Op.NOT) {
            ColumnData in = operands.get(0).evaluate(batch);
            result.reset(rows, in.mayHaveNulls());
            boolean[] out = result.booleans();
            boolean[] values = in.booleans();
            for (int i = 0; i < rows; i++) {
                out[i] = !values[i];
            }
            if (in.mayHaveNulls()) {
                System.arraycopy(in.nulls(), 0, result.nulls(), 0, rows);
            }
            return result;
        }
        // Accumulate in result: value = decided, nulls = unknown so far.
        boolean isAnd = op == Op.AND;
        result.reset(rows, true);
        boolean[] out = result.booleans();
        boolean[] unknown = result.nulls();
        for (int i = 0; i < rows; i++) {
            out[i] = isAnd;
            unknown[i] = false;
        }
        for (VectorExpression operand : operands) {
            ColumnData in = operand.evaluate(batch);
            boolean[] values = in.booleans();
            boolean withNulls = in.mayHaveNulls();
            boolean[] inNulls = in.nulls();
            for (int i = 0; i < rows; i++) {
                if (withNulls && inNulls[i]) {
                    unknown[i] = true;
                } else if (values[i] != isAnd) {
                    out[i] = !isAnd;
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            // A decided AND false / OR true wins over unknown operands.
            if (out[i] != isAnd) {
                unknown[i] = false;
            }
        }
        return result;
    }

    @Override
    public void close() {
        for (VectorExpression operand : operands) {
            operand.close();
        }
    }
}
