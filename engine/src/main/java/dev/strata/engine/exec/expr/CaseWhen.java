package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** {@code CASE WHEN c1 THEN v1 ... ELSE e END}; every branch is evaluated over the whole batch. */
final class CaseWhen extends VectorExpression {
    private final List<VectorExpression> conditions;
    private final List<VectorExpression> values;
    private final VectorExpression otherwise;
    private final BufferAllocator allocator;
    private final int[] chosen = new int[0];
    private int[] branch = chosen;
    private VarCharVector strings;

    CaseWhen(ValueKind kind, List<VectorExpression> conditions, List<VectorExpression> values, VectorExpression otherwise, BufferAllocator allocator) {
        super(kind);
        this.conditions = List.copyOf(conditions);
        this.values = List.copyOf(values);
        this.otherwise = otherwise;
        this.allocator = allocator;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        if (branch.length < rows) {
            branch = new int[Math.max(rows, branch.length * 2)];
        }
        int undecided = conditions.size();
        for (int i = 0; i < rows; i++) {
            branch[i] = undecided;
        }
        for (int c = conditions.size() - 1; c >= 0; c--) {
            ColumnData condition = conditions.get(c).evaluate(batch);
            boolean[] truth = condition.booleans();
            for (int i = 0; i < rows; i++) {
                if (truth[i] && !condition.isNull(i)) {
                    branch[i] = c;
                }
            }
        }
        ColumnData[] branches = new ColumnData[values.size() + 1];
        for (int v = 0; v < values.size(); v++) {
            branches[v] = values.get(v).evaluate(batch);
        }
        branches[values.size()] = otherwise.evaluate(batch);
        if (kind == ValueKind.STRING) {
            if (strings == null) {
                strings = new VarCharVector("case", allocator);
            }
            strings.allocateNew(rows);
            for (int i = 0; i < rows; i++) {
                ColumnData source = branches[branch[i]];
                if (source.isNull(i)) {
                    strings.setNull(i);
                } else {
                    strings.copyFromSafe(i, i, source.vector());
                }
            }
            strings.setValueCount(rows);
            result.setVector(strings, rows);
            return result;
        }
        result.reset(rows, true);
        for (int i = 0; i < rows; i++) {
            ColumnData source = branches[branch[i]];
            boolean isNull = source.isNull(i);
            result.nulls()[i] = isNull;
            if (isNull) {
                continue;
            }
            switch (kind) {
                case LONG -> result.longs()[i] = source.longs()[i];
                case DOUBLE -> result.doubles()[i] = source.doubles()[i];
                case BOOLEAN -> result.booleans()[i] = source.booleans()[i];
                case STRING, MAP -> throw new IllegalStateException("unreachable");
            }
        }
        return result;
    }

    @Override
    public void close() {
        conditions.forEach(VectorExpression::close);
        values.forEach(VectorExpression::close);
        otherwise.close();
        if (strings != null) {
            strings.close();
        }
    }
}
