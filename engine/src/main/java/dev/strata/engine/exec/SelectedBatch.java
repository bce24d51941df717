package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch together with the positions of its live rows: a filter's output without copying the
 * surviving rows. When {@code positions} is null every row of {@code root} is live; otherwise only
 * {@code positions[0..count)}, ascending. Both are borrowed from the producing operator, valid
 * until its next call.
 */
public record SelectedBatch(VectorSchemaRoot root, int[] positions, int count) {
    public SelectedBatch {
        requireNonNull(root, "root is null");
    }

    /** Every row of {@code root}. */
    public static SelectedBatch all(VectorSchemaRoot root) {
        return new SelectedBatch(root, null, root.getRowCount());
    }

    public boolean isAll() {
        return positions == null;
    }

    /** Position of live row {@code i} ({@code 0 <= i < count}) in {@code root}. */
    public int position(int i) {
        return positions == null ? i : positions[i];
    }
}
