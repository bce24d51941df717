package dev.strata.engine.exec.expr;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A scalar expression compiled once per query and evaluated a whole batch at a time over
 * primitive arrays or Arrow vectors; nothing is boxed per row. Not thread-safe.
 */
public abstract class VectorExpression implements AutoCloseable {
    protected final ValueKind kind;
    protected final ColumnData result;

    protected VectorExpression(ValueKind kind) {
        this.kind = requireNonNull(kind, "kind is null");
        this.result = new ColumnData(kind);
    }

    public ValueKind kind() {
        return kind;
    }

    /**
     * Evaluates the expression over every row of {@code batch}. The result is borrowed: valid until
     * the next call to {@code evaluate} or {@code close}.
     */
    public abstract ColumnData evaluate(VectorSchemaRoot batch);

    /**
     * Like {@link #evaluate}, but only rows {@code positions[0..count)} need a defined value; the
     * others may hold anything. Expressions that are costly per row (map lookups) skip the rest;
     * by default every row is evaluated.
     */
    public ColumnData evaluateSelected(VectorSchemaRoot batch, int[] positions, int count) {
        return evaluate(batch);
    }

    /** Releases vectors the expression owns. */
    @Override
    public void close() {}
}
