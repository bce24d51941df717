package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.BatchBuilder;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.expr.VectorExpression;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Keeps the rows whose predicate is true (not false, not null). */
public final class FilterOperator implements Operator {
    private final QueryContext context;
    private final Operator input;
    private final VectorExpression predicate;
    private final BatchBuilder output;
    private int[] selection = new int[0];

    public FilterOperator(QueryContext context, Operator input, VectorExpression predicate) {
        this.context = requireNonNull(context, "context is null");
        this.input = requireNonNull(input, "input is null");
        this.predicate = requireNonNull(predicate, "predicate is null");
        this.output = new BatchBuilder(context.allocator());
    }

    @Override
    public VectorSchemaRoot next() {
        for (VectorSchemaRoot batch = input.next(); batch != null; batch = input.next()) {
            context.checkRunning();
            int rows = batch.getRowCount();
            if (rows == 0) {
                continue;
            }
            ColumnData truth = predicate.evaluate(batch);
            if (selection.length < rows) {
                selection = new int[Math.max(rows, selection.length * 2)];
            }
            boolean[] values = truth.booleans();
            boolean[] nulls = truth.nulls();
            boolean withNulls = truth.mayHaveNulls();
            int count = 0;
            for (int i = 0; i < rows; i++) {
                if (values[i] && !(withNulls && nulls[i])) {
                    selection[count++] = i;
                }
            }
            if (count == rows) {
                return batch;
            }
            if (count > 0) {
                return output.copy(batch, selection, count);
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            predicate.close();
            output.close();
        } finally {
            input.close();
        }
    }
}
