package dev.strata.engine.exec.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.testing.TestingBatches;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestHashAggregateOperator {
    private static final Field BIGINT = new Field("x", FieldType.nullable(new ArrowType.Int(64, true)), null);
    private static final Field DOUBLE = new Field("x", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null);
    private static final Field VARCHAR = new Field("c", FieldType.nullable(ArrowType.Utf8.INSTANCE), null);

    private BufferAllocator allocator;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void tearDown() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private Operator input() {
        return TestingBatches.replay(List.of(
                TestingBatches.batch(allocator, new Long[] {1L, 2L, null}, new Double[] {1.5, null, 4.0}, new String[] {"a", "b", null}),
                TestingBatches.batch(allocator, new Long[] {5L, 7L}, new Double[] {2.5, 8.0}, new String[] {"a", null})));
    }

    @Test
    void groupsByStringKeyWithNullsAsOneGroup() {
        QueryContext context = TestingBatches.context(allocator, 2);
        List<AggregateFunction> functions = List.of(
                new AggregateFunction(AggregateFunction.Function.COUNT, -1, null, BIGINT),
                new AggregateFunction(AggregateFunction.Function.COUNT, 0, ValueKind.LONG, BIGINT),
                new AggregateFunction(AggregateFunction.Function.SUM, 0, ValueKind.LONG, BIGINT),
                new AggregateFunction(AggregateFunction.Function.MIN, 1, ValueKind.DOUBLE, DOUBLE),
                new AggregateFunction(AggregateFunction.Function.MAX, 1, ValueKind.DOUBLE, DOUBLE),
                new AggregateFunction(AggregateFunction.Function.AVG, 1, ValueKind.DOUBLE, DOUBLE));
        try (Operator aggregate = new HashAggregateOperator(context, input(), new int[] {2}, new ValueKind[] {ValueKind.STRING}, List.of(VARCHAR), functions)) {
            assertThat(render(aggregate)).containsExactlyInAnyOrder(
                    "a|2|2|6|1.5|2.5|2.0",
                    "b|1|1|2|null|null|null",
                    "null|2|1|7|4.0|8.0|6.0");
        }
    }

    @Test
    void withoutKeysEmitsOneRowEvenForEmptyInput() {
        QueryContext context = TestingBatches.context(allocator, 10);
        List<AggregateFunction> functions = List.of(
                new AggregateFunction(AggregateFunction.Function.COUNT, -1, null, BIGINT),
                new AggregateFunction(AggregateFunction.Function.SUM, 1, ValueKind.DOUBLE, DOUBLE),
                new AggregateFunction(AggregateFunction.Function.SUM0, 0, ValueKind.LONG, BIGINT));
        try (Operator aggregate = new HashAggregateOperator(context, TestingBatches.replay(List.of()), new int[0], new ValueKind[0], List.of(), functions)) {
            assertThat(render(aggregate)).containsExactly("0|null|0");
        }
    }

    @Test
    void groupsManyKeysAcrossRehashes() {
        QueryContext context = TestingBatches.context(allocator, 1000);
        int rows = 5000;
        Long[] a = new Long[rows];
        Double[] b = new Double[rows];
        String[] c = new String[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = (long) (i % 1500);
            b[i] = 1.0;
            c[i] = "k" + (i % 1500);
        }
        List<AggregateFunction> functions = List.of(new AggregateFunction(AggregateFunction.Function.SUM, 1, ValueKind.DOUBLE, DOUBLE));
        try (Operator aggregate = new HashAggregateOperator(context, TestingBatches.replay(List.of(TestingBatches.batch(allocator, a, b, c))),
                new int[] {0, 2}, new ValueKind[] {ValueKind.LONG, ValueKind.STRING}, List.of(BIGINT, VARCHAR), functions)) {
            List<String> result = render(aggregate);
            assertThat(result).hasSize(1500);
            assertThat(result).contains("0|k0|4.0", "1499|k1499|3.0");
        }
    }

    @Test
    void readsOnlySelectedRowsWithRunsOfLongKeysAndNulls() {
        QueryContext context = TestingBatches.context(allocator, 100);
        // runs of equal keys, a null run, and rows the selection drops (which would change every sum)
        VectorSchemaRoot first = TestingBatches.batch(allocator, new Long[] {7L, 7L, 7L, null, null, 9L},
                new Double[] {1.0, 100.0, 2.0, 3.0, 4.0, 5.0}, new String[] {"a", "a", "a", "a", "a", "a"});
        VectorSchemaRoot second = TestingBatches.batch(allocator, new Long[] {9L, 7L, null},
                new Double[] {6.0, 7.0, 100.0}, new String[] {"a", "a", "a"});
        Operator selected = selecting(List.of(first, second), List.of(new int[] {0, 2, 3, 4, 5}, new int[] {0, 1}));
        List<AggregateFunction> functions = List.of(
                new AggregateFunction(AggregateFunction.Function.COUNT, -1, null, BIGINT),
                new AggregateFunction(AggregateFunction.Function.SUM, 1, ValueKind.DOUBLE, DOUBLE));
        try (Operator aggregate = new HashAggregateOperator(context, selected, new int[] {0}, new ValueKind[] {ValueKind.LONG},
                List.of(BIGINT), functions)) {
            assertThat(render(aggregate)).containsExactlyInAnyOrder("7|3|10.0", "null|2|7.0", "9|2|11.0");
        }
    }

    @Test
    void adjacentStringsOfEqualLengthStayApart() {
        QueryContext context = TestingBatches.context(allocator, 100);
        VectorSchemaRoot batch = TestingBatches.batch(allocator, new Long[] {1L, 2L, 3L, 4L, 5L},
                new Double[] {1.0, 2.0, 3.0, 4.0, 5.0}, new String[] {"abcdefghij", "abcdefghij", "abcdefghiX", null, "abcdefghij"});
        List<AggregateFunction> functions = List.of(new AggregateFunction(AggregateFunction.Function.SUM, 0, ValueKind.LONG, BIGINT));
        try (Operator aggregate = new HashAggregateOperator(context, TestingBatches.replay(List.of(batch)), new int[] {2},
                new ValueKind[] {ValueKind.STRING}, List.of(VARCHAR), functions)) {
            assertThat(render(aggregate)).containsExactlyInAnyOrder("abcdefghij|8", "abcdefghiX|3", "null|4");
        }
    }

    @Test
    void groupsKeysInDictionaryFormThroughTheirIds() {
        QueryContext context = TestingBatches.context(allocator, 100);
        // entries: a duplicate of "a", a null, an entry no row names; the second batch has another dictionary
        VectorSchemaRoot first = dictionaryBatch(new Long[] {1L, 1L, 2L, 2L, 3L, 3L}, new Double[] {1.0, 2.0, 3.0, 100.0, 4.0, 5.0},
                new String[] {"a", "b", "a", null, "unused"});
        VectorSchemaRoot second = dictionaryBatch(new Long[] {1L, 4L, 4L}, new Double[] {6.0, 7.0, 8.0}, new String[] {null, "b"});
        List<int[]> ids = List.of(new int[] {0, 2, 1, 1, 3, 0}, new int[] {1, 0, 1});
        List<int[]> live = List.of(new int[] {0, 1, 2, 4, 5}, new int[] {0, 1, 2});
        List<AggregateFunction> functions = List.of(
                new AggregateFunction(AggregateFunction.Function.COUNT, -1, null, BIGINT),
                new AggregateFunction(AggregateFunction.Function.COUNT, 2, ValueKind.STRING, BIGINT),
                new AggregateFunction(AggregateFunction.Function.SUM, 1, ValueKind.DOUBLE, DOUBLE));
        try (Operator aggregate = new HashAggregateOperator(context, encoded(List.of(first, second), ids, live), new int[] {2},
                new ValueKind[] {ValueKind.STRING}, List.of(VARCHAR), functions)) {
            assertThat(render(aggregate)).containsExactlyInAnyOrder("a|3|3|8.0", "b|3|3|17.0", "null|2|0|11.0");
        }
        first = dictionaryBatch(new Long[] {1L, 1L, 2L, 2L, 3L, 3L}, new Double[] {1.0, 2.0, 3.0, 100.0, 4.0, 5.0},
                new String[] {"a", "b", "a", null, "unused"});
        second = dictionaryBatch(new Long[] {1L, 4L, 4L}, new Double[] {6.0, 7.0, 8.0}, new String[] {null, "b"});
        try (Operator aggregate = new HashAggregateOperator(context, encoded(List.of(first, second), ids, live), new int[] {0, 2},
                new ValueKind[] {ValueKind.LONG, ValueKind.STRING}, List.of(BIGINT, VARCHAR), functions)) {
            assertThat(render(aggregate)).containsExactlyInAnyOrder(
                    "1|a|2|2|3.0", "2|b|1|1|3.0", "3|null|1|0|4.0", "3|a|1|1|5.0", "1|b|1|1|6.0", "4|null|1|0|7.0", "4|b|1|1|8.0");
        }
    }

    /** Columns a and b with a value per row, column c holding {@code entries} (a dictionary). */
    private VectorSchemaRoot dictionaryBatch(Long[] a, Double[] b, String[] entries) {
        VectorSchemaRoot plain = TestingBatches.batch(allocator, a, b, new String[a.length]);
        VectorSchemaRoot dictionary = TestingBatches.batch(allocator, new Long[entries.length], new Double[entries.length], entries);
        List<org.apache.arrow.vector.FieldVector> vectors = List.of(plain.getVector(0), plain.getVector(1), dictionary.getVector(2));
        plain.getVector(2).close();
        dictionary.getVector(0).close();
        dictionary.getVector(1).close();
        return new VectorSchemaRoot(List.of(vectors.get(0).getField(), vectors.get(1).getField(), vectors.get(2).getField()),
                vectors, a.length);
    }

    /** Batches whose column 2 is in dictionary form, as a scan hands them to {@link Operator#nextEncoded()}. */
    private static Operator encoded(List<VectorSchemaRoot> batches, List<int[]> ids, List<int[]> positions) {
        Operator replay = TestingBatches.replay(batches);
        return new Operator() {
            private int next;

            @Override
            public VectorSchemaRoot next() {
                throw new AssertionError("the aggregate reads encoded batches");
            }

            @Override
            public dev.strata.engine.exec.SelectedBatch nextEncoded() {
                VectorSchemaRoot batch = replay.next();
                if (batch == null) {
                    return null;
                }
                int[] live = positions.get(next);
                int[][] dictionaryIds = {null, null, ids.get(next++)};
                return new dev.strata.engine.exec.SelectedBatch(batch, live, live.length, dictionaryIds);
            }

            @Override
            public void close() {
                replay.close();
            }
        };
    }

    /** A filter's output as the aggregate reads it: each batch with the positions of its live rows. */
    private static Operator selecting(List<VectorSchemaRoot> batches, List<int[]> positions) {
        Operator replay = TestingBatches.replay(batches);
        return new Operator() {
            private int next;

            @Override
            public VectorSchemaRoot next() {
                throw new AssertionError("the aggregate reads selections");
            }

            @Override
            public dev.strata.engine.exec.SelectedBatch nextSelected() {
                VectorSchemaRoot batch = replay.next();
                if (batch == null) {
                    return null;
                }
                int[] live = positions.get(next++);
                return new dev.strata.engine.exec.SelectedBatch(batch, live, live.length);
            }

            @Override
            public void close() {
                replay.close();
            }
        };
    }

    static List<String> render(Operator operator) {
        List<String> rows = new ArrayList<>();
        for (VectorSchemaRoot batch = operator.next(); batch != null; batch = operator.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                StringBuilder row = new StringBuilder();
                for (int c = 0; c < batch.getFieldVectors().size(); c++) {
                    if (c > 0) {
                        row.append('|');
                    }
                    Object value = batch.getVector(c).getObject(r);
                    row.append(value);
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
