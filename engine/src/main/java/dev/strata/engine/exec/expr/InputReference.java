package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A column of the input batch. */
final class InputReference extends VectorExpression {
    private final int index;

    InputReference(ValueKind kind, int index) {
        super(kind);
        this.index = index;
    }

    int index() {
        return index;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        result.load(batch.getVector(index), batch.getRowCount());
        return result;
    }
}
