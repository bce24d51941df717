package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
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

    /**
     * @param fields the output fields, one per expression (their types decide the vectors created)
     */
    public ProjectOperator(QueryContext context, Operator input, List<VectorExpression> expressions, List<Field> fields) {
        this.context = requireNonNull(context, "context is null");
        this.input = requireNonNull(input, "input is null");
        this.expressions = List.copyOf(requireNonNull(expressions, "expressions is null"));
        this.owned = new ArrayList<>();
        for (int i = 0; i < this.expressions.size(); i++) {
            ValueKind kind = this.expressions.get(i).kind();
            owned.add(kind == ValueKind.STRING || kind == ValueKind.MAP ? null : fields.get(i).createVector(context.allocator()));
        }
    }

    @Override
    public VectorSchemaRoot next() {
        VectorSchemaRoot batch = input.next();
        if (batch == null) {
            return null;
        }
        context.checkRunning();
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(expressions.size());
        for (int i = 0; i < expressions.size(); i++) {
            ColumnData data = expressions.get(i).evaluate(batch);
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
        return result;
    }

    @Override
    public void close() {
        try {
            for (VectorExpression expression : expressions) {
                expression.close();
            }
            for (FieldVector vector : owned) {
                if (vector != null) {
                    vector.close();
                }
            }
        } finally {
            input.close();
        }
    }
}
