package dev.strata.engine.exec;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Pull-based batch operator. Not thread-safe; one thread drives a plan. The columns of every
 * batch are those of the plan node the operator implements, in order.
 */
public interface Operator extends AutoCloseable {
    /**
     * Returns the next batch, or {@code null} at the end of the stream. The batch is borrowed: it
     * stays valid until the next call to {@code next()} or {@code close()}; the caller never closes
     * it. A batch may have zero rows.
     */
    VectorSchemaRoot next();

    /**
     * Like {@link #next()}, but the batch may come with a selection of live rows instead of being
     * compacted (see {@link SelectedBatch}). Consumers that read only the selected positions call
     * this; operators that can skip a copy override it. Never mix calls of both methods on one
     * operator.
     */
    default SelectedBatch nextSelected() {
        VectorSchemaRoot batch = next();
        return batch == null ? null : SelectedBatch.all(batch);
    }

    /**
     * Like {@link #nextSelected()}, but columns may also come in dictionary form
     * ({@link SelectedBatch#ids}): for consumers that read values through
     * their entries and look at each distinct value once (hash aggregation). Scans, filters and projections pass dictionaries on;
     * by default this is {@link #nextSelected()}. Never mix calls of this and the other methods on
     * one operator.
     */
    default SelectedBatch nextEncoded() {
        return nextSelected();
    }

    /** Releases every buffer this operator owns and closes its inputs. Idempotent. */
    @Override
    void close();
}
