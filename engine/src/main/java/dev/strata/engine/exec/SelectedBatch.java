package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A batch together with the positions of its live rows: a filter's output without copying the
 * surviving rows. When {@code positions} is null every row of {@code root} is live; otherwise only
 * {@code positions[0..count)}, ascending. Both are borrowed from the producing operator, valid
 * until its next call.
 *
 * <p>Only from {@link Operator#nextEncoded()}: {@code dictionaryIds[c]}, when not null, says that
 * column {@code c} of {@code root} holds a dictionary of values rather than one value per row, and
 * row {@code r}'s value is entry {@code dictionaryIds[c][r]} of it (see
 * {@link dev.strata.spi.scan.BatchReader#requestDictionary}). {@code root.getRowCount()} is
 * always the number of rows.
 */
public record SelectedBatch(VectorSchemaRoot root, int[] positions, int count, int[][] dictionaryIds) {
    public SelectedBatch {
        requireNonNull(root, "root is null");
    }

    public SelectedBatch(VectorSchemaRoot root, int[] positions, int count) {
        this(root, positions, count, null);
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

    /** The dictionary entry of each row of column {@code column}, or null when the column holds a value per row. */
    public int[] ids(int column) {
        return dictionaryIds == null ? null : dictionaryIds[column];
    }

    /** True when some column is in dictionary form. */
    public boolean hasDictionaries() {
        if (dictionaryIds != null) {
            for (int[] ids : dictionaryIds) {
                if (ids != null) {
                    return true;
                }
            }
        }
        return false;
    }
}
