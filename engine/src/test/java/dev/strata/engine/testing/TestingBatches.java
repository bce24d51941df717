package dev.strata.engine.testing;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Hand-built batches and an operator that replays them, for operator tests. */
public final class TestingBatches {
    private TestingBatches() {}

    /** A query context with a far deadline. */
    public static QueryContext context(BufferAllocator allocator, int batchRows) {
        return new QueryContext("test", allocator, InstantSource.fixed(Instant.EPOCH), Instant.EPOCH.plusSeconds(3600), new AtomicBoolean(), batchRows);
    }

    /** A batch with a nullable BIGINT {@code a}, DOUBLE {@code b} and VARCHAR {@code c}; a null array element is a null value. */
    public static VectorSchemaRoot batch(BufferAllocator allocator, Long[] a, Double[] b, String[] c) {
        BigIntVector av = new BigIntVector("a", allocator);
        Float8Vector bv = new Float8Vector("b", allocator);
        VarCharVector cv = new VarCharVector("c", allocator);
        av.allocateNew(a.length);
        bv.allocateNew(b.length);
        cv.allocateNew(c.length);
        for (int i = 0; i < a.length; i++) {
            if (a[i] == null) {
                av.setNull(i);
            } else {
                av.set(i, a[i]);
            }
            if (b[i] == null) {
                bv.setNull(i);
            } else {
                bv.set(i, b[i]);
            }
            if (c[i] == null) {
                cv.setNull(i);
            } else {
                cv.setSafe(i, c[i].getBytes(StandardCharsets.UTF_8));
            }
        }
        List<FieldVector> vectors = List.of(av, bv, cv);
        for (FieldVector vector : vectors) {
            vector.setValueCount(a.length);
        }
        VectorSchemaRoot root = new VectorSchemaRoot(vectors);
        root.setRowCount(a.length);
        return root;
    }

    /** Replays {@code batches} (which it owns and closes). */
    public static Operator replay(List<VectorSchemaRoot> batches) {
        List<VectorSchemaRoot> owned = new ArrayList<>(batches);
        return new Operator() {
            private int next;

            @Override
            public VectorSchemaRoot next() {
                return next < owned.size() ? owned.get(next++) : null;
            }

            @Override
            public void close() {
                for (VectorSchemaRoot root : owned) {
                    root.close();
                }
                owned.clear();
            }
        };
    }
}
