package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.BatchBuilder;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.SelectedBatch;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.expr.VectorExpression;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Computes one output column per expression. Column references and string results are passed on
 * as the vectors that hold them; primitive results are written into vectors this operator owns.
 */
public final class ProjectOperator implements Operator {
    private final QueryContext context;
    private final Operator input;
    private final List<VectorExpression> expressions;
    private final List<FieldVector> owned;
    private final boolean totalOverDroppedRows;
    private final BatchBuilder compacted;
    private final List<EncodedEvaluator> encoded;

    /**
     * @param fields the output fields, one per expression (their types decide the vectors created)
     */
    public ProjectOperator(QueryContext context, Operator input, List<VectorExpression> expressions, List<Field> fields) {
        this(context, input, expressions, fields, false);
    }

    /**
     * @param fields the output fields, one per expression (their types decide the vectors created)
     * @param totalOverDroppedRows the expressions never fail on any row, so they may be evaluated
     *     over rows a filter below dropped instead of compacting the input first
     */
    public ProjectOperator(QueryContext context, Operator input, List<VectorExpression> expressions, List<Field> fields,
            boolean totalOverDroppedRows) {
        this(context, input, expressions, fields, totalOverDroppedRows, null);
    }

    /**
     * @param inputs what each expression reads (null: unknown), so that an expression of one column
     *     in dictionary form is evaluated once per entry ({@link #nextEncoded()})
     */
    public ProjectOperator(QueryContext context, Operator input, List<VectorExpression> expressions, List<Field> fields,
            boolean totalOverDroppedRows, List<ExpressionInputs> inputs) {
        this.context = requireNonNull(context, "context is null");
        this.totalOverDroppedRows = totalOverDroppedRows;
        this.compacted = new BatchBuilder(context.allocator());
        this.input = requireNonNull(input, "input is null");
        this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
        this.owned = new ArrayList<>();
        for (int i = 0; i < this.expressions.size(); i++) {
            ValueKind kind = this.expressions.get(i).kind();
            owned.add(kind == ValueKind.STRING || kind == ValueKind.MAP ? null : fields.get(i).createVector(context.allocator()));
        }
        this.encoded = new ArrayList<>();
        for (int i = 0; i < this.expressions.size(); i++) {
            encoded.add(new EncodedEvaluator(this.expressions.get(i), inputs == null ? ExpressionInputs.UNKNOWN : inputs.get(i),
                    context.allocator()));
        }
    }

    @Override
    public VectorSchemaRoot next() {
        SelectedBatch selected = nextSelected();
        if (selected == null) {
            return null;
        }
        return selected.isAll() ? selected.root() : compacted.copy(selected.root(), selected.positions(), selected.count());
    }

    /**
     * Evaluates over every row of the input batch and passes the input's selection on, so that a
     * filter below costs no copy. Only when the expressions cannot fail on a row the filter
     * dropped (see {@link dev.strata.engine.exec.expr.ExpressionCompiler#isTotal}); otherwise the
     * input is compacted first.
     */
    @Override
    public SelectedBatch nextSelected() {
        SelectedBatch selected;
        if (totalOverDroppedRows) {
            selected = input.nextSelected();
        } else {
            VectorSchemaRoot dense = input.next();
            selected = dense == null ? null : SelectedBatch.all(dense);
        }
        if (selected == null) {
            return null;
        }
        context.checkRunning();
        VectorSchemaRoot batch = selected.root();
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            ColumnData data = selected.isAll()
                    ? expressions.get(i).evaluate(batch)
                    : expressions.get(i).evaluateSelected(batch, selected.positions(), selected.count());
            FieldVector target = owned.get(i);
            if (target == null) {
                vectors.add(data.vector());
            } else {
                target.clear();
                data.writeTo(target, rows);
                vectors.add(target);
            }
        }
        VectorSchemaRoot result = new VectorSchemaRoot(vectors);
        result.setRowCount(rows);
        return selected.isAll() ? SelectedBatch.all(result) : new SelectedBatch(result, selected.positions(), selected.count());
    }

    /**
     * Like {@link #nextSelected()}, over an input whose columns may be in dictionary form: an
     * expression of one such column is evaluated once per entry and its result passed on in
     * dictionary form (a column reference passes the dictionary on as it is).
     */
    @Override
    public SelectedBatch nextEncoded() {
        if (!totalOverDroppedRows) {
            return nextSelected();
        }
        SelectedBatch selected = input.nextEncoded();
        if (selected == null) {
            return null;
        }
        context.checkRunning();
        int rows = selected.root().getRowCount();
        List<FieldVector> vectors = new ArrayList<>(expressions.size());
        List<Field> fields = new ArrayList<>(expressions.size());
        int[][] ids = null;
        for (int i = 0; i < expressions.size(); i++) {
            EncodedEvaluator evaluator = encoded.get(i);
            ColumnData data = evaluator.evaluate(selected);
            int[] resultIds = evaluator.resultIds();
            if (resultIds != null) {
                if (ids == null) {
                    ids = new int[expressions.size()][];
                }
                ids[i] = resultIds;
            }
            FieldVector target = owned.get(i);
            if (target == null) {
                vectors.add(data.vector());
            } else {
                target.clear();
                data.writeTo(target, resultIds != null ? data.size() : rows);
                vectors.add(target);
            }
            fields.add(vectors.get(i).getField());
        }
        // not setRowCount: vectors in dictionary form hold fewer values than the batch has rows
        VectorSchemaRoot result = new VectorSchemaRoot(fields, vectors, rows);
        return new SelectedBatch(result, selected.positions(), selected.count(), ids);
    }

    @Override
    public void close() {
        try {
            for (EncodedEvaluator evaluator : encoded) {
                evaluator.close();
            }
            for (VectorExpression expression : expressions) {
                expression.close();
            }
            for (FieldVector vector : owned) {
                if (vector != null) {
                    vector.close();
                }
            }
            compacted.close();
        } finally {
            input.close();
        }
    }
}
