package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Owns one set of output vectors shaped like an input batch and fills them with selected rows of
 * it. Used by the filter (selection), limit (slice) and sort (permutation). The root returned by
 * {@link #copy} is owned by this builder and valid until the next copy or {@link #close()}.
 */
public final class BatchBuilder implements AutoCloseable {
    private final BufferAllocator allocator;
    private List<FieldVector> vectors;
    private VectorSchemaRoot root;

    public BatchBuilder(BufferAllocator allocator) {
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** Copies rows {@code selection[0..count)} of {@code input}, in that order. */
    public VectorSchemaRoot copy(VectorSchemaRoot input, int[] selection, int count) {
        ensureVectors(input);
        for (int c = 0; c < vectors.size(); c++) {
            FieldVector out = vectors.get(c);
            FieldVector in = input.getVector(c);
            out.clear();
            out.setInitialCapacity(count);
            out.allocateNew();
            for (int i = 0; i < count; i++) {
                out.copyFromSafe(selection[i], i, in);
            }
            out.setValueCount(count);
        }
        root.setRowCount(count);
        return root;
    }

    /** Copies the contiguous rows {@code [from, from + count)} of {@code input}. */
    public VectorSchemaRoot slice(VectorSchemaRoot input, int from, int count) {
        ensureVectors(input);
        for (int c = 0; c < vectors.size(); c++) {
            FieldVector out = vectors.get(c);
            FieldVector in = input.getVector(c);
            out.clear();
            out.setInitialCapacity(count);
            out.allocateNew();
            for (int i = 0; i < count; i++) {
                out.copyFromSafe(from + i, i, in);
            }
            out.setValueCount(count);
        }
        root.setRowCount(count);
        return root;
    }

    private void ensureVectors(VectorSchemaRoot input) {
        if (vectors != null) {
            return;
        }
        vectors = new ArrayList<>();
        List<Field> fields = new ArrayList<>();
        for (FieldVector in : input.getFieldVectors()) {
            FieldVector out = in.getField().createVector(allocator);
            vectors.add(out);
            fields.add(out.getField());
        }
        root = new VectorSchemaRoot(fields, vectors, 0);
    }

    @Override
    public void close() {
        if (root != null) {
            root.close();
            root = null;
        }
    }
}
