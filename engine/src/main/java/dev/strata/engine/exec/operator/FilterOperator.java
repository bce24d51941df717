package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.BatchBuilder;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.SelectedBatch;
import dev.strata.engine.exec.expr.VectorExpression;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Keeps the rows whose predicate is true (not false, not null). Consumers that read selections
 * ({@link #nextSelected()}) get the surviving positions over the input batch; {@link #next()}
 * copies the surviving rows into a compact batch.
 */
public final class FilterOperator implements Operator {
    private final QueryContext context;
    private final Operator input;
    private final VectorExpression predicate;
    private final BatchBuilder output;
    private final EncodedEvaluator encoded;
    private int[] selection = new int[0];

    public FilterOperator(QueryContext context, Operator input, VectorExpression predicate) {
        this(context, input, predicate, ExpressionInputs.UNKNOWN);
    }

    /** @param inputs what {@code predicate} reads, to evaluate it per dictionary entry where it can */
    public FilterOperator(QueryContext context, Operator input, VectorExpression predicate, ExpressionInputs inputs) {
        this.context = requireNonNull(context, "context is null");
        this.input = requireNonNull(input, "input is null");
        this.predicate = requireNonNull(predicate, "predicate is null");
        this.output = new BatchBuilder(context.allocator());
        this.encoded = new EncodedEvaluator(predicate, inputs, context.allocator());
    }

    @Override
    public VectorSchemaRoot next() {
        SelectedBatch selected = nextSelected();
        if (selected == null) {
            return null;
        }
        return selected.isAll() ? selected.root() : output.copy(selected.root(), selected.positions(), selected.count());
    }

    /** The surviving rows as a selection over the input batch: nothing is copied. */
    @Override
    public SelectedBatch nextSelected() {
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
            int count = 0;
            if (truth.mayHaveNulls()) {
                boolean[] nulls = truth.nulls();
                for (int i = 0; i < rows; i++) {
                    if (values[i] && !nulls[i]) {
                        selection[count++] = i;
                    }
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    selection[count] = i;
                    count += values[i] ? 1 : 0;
                }
            }
            if (count == rows) {
                return SelectedBatch.all(batch);
            }
            if (count > 0) {
                return new SelectedBatch(batch, selection, count);
            }
        }
        return null;
    }

    /**
     * The surviving rows as a selection over the input's batch, whose columns may be in dictionary
     * form (passed on as they are); a predicate of one such column is evaluated per entry.
     */
    @Override
    public SelectedBatch nextEncoded() {
        for (SelectedBatch batch = input.nextEncoded(); batch != null; batch = input.nextEncoded()) {
            context.checkRunning();
            int rows = batch.root().getRowCount();
            if (batch.count() == 0) {
                continue;
            }
            ColumnData truth = encoded.evaluate(batch);
            int[] ids = encoded.resultIds();
            if (selection.length < rows) {
                selection = new int[Math.max(rows, selection.length * 2)];
            }
            boolean[] values = truth.booleans();
            boolean withNulls = truth.mayHaveNulls();
            boolean[] nulls = truth.nulls();
            int[] positions = batch.positions();
            int live = batch.count();
            int count = 0;
            for (int i = 0; i < live; i++) {
                int row = positions == null ? i : positions[i];
                int at = ids == null ? row : ids[row];
                if (values[at] && !(withNulls && nulls[at])) {
                    selection[count++] = row;
                }
            }
            if (count == rows) {
                return batch;
            }
            if (count > 0) {
                return new SelectedBatch(batch.root(), selection, count, batch.dictionaryIds());
            }
        }
        return null;
    }

    @Override
    public void close() {
        try {
            predicate.close();
            encoded.close();
            output.close();
        } finally {
            input.close();
        }
    }
}
