package dev.strata.engine.exec.expr;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.VectorSchemaRoot;

/** {@code FLOOR(ts TO unit)} / {@code CEIL(ts TO unit)} for units of fixed length (second to day, UTC). */
final class FloorTimestamp extends VectorExpression {
    private final VectorExpression operand;
    private final long unitMillis;
    private final boolean ceil;

    FloorTimestamp(VectorExpression operand, long unitMillis, boolean ceil) {
        super(ValueKind.LONG);
        this.operand = operand;
        this.unitMillis = unitMillis;
        this.ceil = ceil;
    }

    @Override
    public ColumnData evaluate(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        ColumnData in = operand.evaluate(batch);
        result.reset(rows, in.mayHaveNulls());
        if (in.mayHaveNulls()) {
            System.arraycopy(in.nulls(), 0, result.nulls(), 0, rows);
        }
        long[] values = in.longs();
        long[] out = result.longs();
        for (int i = 0; i < rows; i++) {
            long floor = Math.floorDiv(values[i], unitMillis) * unitMillis;
            out[i] = ceil && floor != values[i] ? floor + unitMillis : floor;
        }
        return result;
    }

    @Override
    public void close() {
        operand.close();
    }
}
