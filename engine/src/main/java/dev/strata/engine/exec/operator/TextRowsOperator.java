package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Emits constant text rows in one VARCHAR column (EXPLAIN output). */
public final class TextRowsOperator implements Operator {
    private final List<String> lines;
    private final VectorSchemaRoot root;
    private boolean emitted;

    public TextRowsOperator(QueryContext context, String column, List<String> lines) {
        this.lines = List.copyOf(requireNonNull(lines, "lines is null"));
        VarCharVector vector = new VarCharVector(column, context.allocator());
        this.root = new VectorSchemaRoot(List.of(vector));
    }

    @Override
    public VectorSchemaRoot next() {
        if (emitted) {
            return null;
        }
        emitted = true;
        VarCharVector vector = (VarCharVector) root.getVector(0);
        vector.allocateNew(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            vector.setSafe(i, lines.get(i).getBytes(StandardCharsets.UTF_8));
        }
        vector.setValueCount(lines.size());
        root.setRowCount(lines.size());
        return root;
    }

    @Override
    public void close() {
        root.close();
    }
}
