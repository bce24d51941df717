package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.SelectedBatch;
import dev.strata.engine.exec.expr.VectorExpression;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Evaluates one compiled expression over a batch whose columns may be in dictionary form
 * ({@link SelectedBatch#ids}). An expression of a single such column that may be evaluated per
 * entry ({@link ExpressionInputs#perEntry}) runs once over the dictionary, and its result stays in
 * dictionary form with the same ids: {@code labels['app']} once per stream, {@code level =
 * 'error'} once per distinct level. Any other expression that reads a column in dictionary form
 * gets that column decoded to a value per row first; one that reads none runs as usual. Owns the
 * decoded vectors, not the expression. Not thread-safe.
 */
final class EncodedEvaluator implements AutoCloseable {
    private final VectorExpression expression;
    private final ExpressionInputs inputs;
    private final BufferAllocator allocator;
    private final List<FieldVector> decoded = new ArrayList<>();
    private int[] resultIds;

    EncodedEvaluator(VectorExpression expression, ExpressionInputs inputs, BufferAllocator allocator) {
        this.expression = requireNonNull(expression, "expression is null");
        this.inputs = requireNonNull(inputs, "inputs is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    VectorExpression expression() {
        return expression;
    }

    /**
     * Evaluates over {@code batch}: a value per row (at least the live ones), or, when
     * {@link #resultIds()} is then not null, a value per dictionary entry. Borrowed until the next call.
     */
    ColumnData evaluate(SelectedBatch batch) {
        resultIds = null;
        VectorSchemaRoot root = batch.root();
        if (!batch.hasDictionaries()) {
            return evaluatePlain(root, batch);
        }
        int[] columns = inputs.columns();
        if (columns != null && columns.length == 1 && inputs.perEntry() && batch.ids(columns[0]) != null) {
            int column = columns[0];
            FieldVector dictionary = root.getVector(column);
            List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
            VectorSchemaRoot entries = new VectorSchemaRoot(fields(vectors), vectors, dictionary.getValueCount());
            resultIds = batch.ids(column);
            return expression.evaluate(entries);
        }
        List<FieldVector> vectors = new ArrayList<>(root.getFieldVectors());
        boolean changed = false;
        int rows = root.getRowCount();
        for (int c = 0; c < vectors.size(); c++) {
            int[] ids = batch.ids(c);
            if (ids != null && reads(columns, c)) {
                vectors.set(c, decode(c, vectors.get(c), ids, rows));
                changed = true;
            }
        }
        return evaluatePlain(changed ? new VectorSchemaRoot(fields(vectors), vectors, rows) : root, batch);
    }

    /** The dictionary entry of each row for the last result, or null when it holds a value per row. */
    int[] resultIds() {
        return resultIds;
    }

    private ColumnData evaluatePlain(VectorSchemaRoot root, SelectedBatch batch) {
        return batch.isAll() ? expression.evaluate(root) : expression.evaluateSelected(root, batch.positions(), batch.count());
    }

    private static boolean reads(int[] columns, int column) {
        if (columns == null) {
            return true;
        }
        for (int c : columns) {
            if (c == column) {
                return true;
            }
        }
        return false;
    }

    /** Column {@code column} with a value per row: entry {@code ids[r]} of {@code dictionary} at row {@code r}. */
    private FieldVector decode(int column, FieldVector dictionary, int[] ids, int rows) {
        while (decoded.size() <= column) {
            decoded.add(null);
        }
        FieldVector out = decoded.get(column);
        if (out == null) {
            out = dictionary.getField().createVector(allocator);
            decoded.set(column, out);
        }
        out.clear();
        out.setInitialCapacity(rows);
        out.allocateNew();
        for (int r = 0; r < rows; r++) {
            out.copyFromSafe(ids[r], r, dictionary);
        }
        out.setValueCount(rows);
        return out;
    }

    private static List<Field> fields(List<FieldVector> vectors) {
        List<Field> fields = new ArrayList<>(vectors.size());
        for (FieldVector vector : vectors) {
            fields.add(vector.getField());
        }
        return fields;
    }

    /** Releases the decoded vectors; the expression stays its owner's to close. */
    @Override
    public void close() {
        for (FieldVector vector : decoded) {
            if (vector != null) {
                vector.close();
            }
        }
        decoded.clear();
    }
}
