package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.BatchBuilder;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Skips {@code offset} rows, then passes at most {@code fetch} rows and stops pulling. */
public final class LimitOperator implements Operator {
    private final Operator input;
    private final BatchBuilder output;
    private long toSkip;
    private long remaining;

    public LimitOperator(QueryContext context, Operator input, long offset, long fetch) {
        this.input = requireNonNull(input, "input is null");
        this.output = new BatchBuilder(context.allocator());
        this.toSkip = offset;
        this.remaining = fetch;
    }

    @Override
    public VectorSchemaRoot next() {
        while (remaining > 0) {
            VectorSchemaRoot batch = input.next();
            if (batch == null) {
                return null;
            }
            int rows = batch.getRowCount();
            if (toSkip >= rows) {
                toSkip -= rows;
                continue;
            }
            int from = (int) toSkip;
            toSkip = 0;
            int count = (int) Math.min(remaining, rows - from);
            remaining -= count;
            if (from == 0 && count == rows) {
                return batch;
            }
            return output.slice(batch, from, count);
        }
        return null;
    }

    @Override
    public void close() {
        try {
            output.close();
        } finally {
            input.close();
        }
    }
}
