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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestSortOperator {
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

    @Test
    void sortsByStringThenLongWithNullsWhereAsked() {
        QueryContext context = TestingBatches.context(allocator, 2);
        Operator input = TestingBatches.replay(List.of(
                TestingBatches.batch(allocator, new Long[] {3L, 1L, 2L}, new Double[] {0.0, 0.0, 0.0}, new String[] {"b", "a", null}),
                TestingBatches.batch(allocator, new Long[] {4L, 0L}, new Double[] {0.0, 0.0}, new String[] {"a", "b"})));
        List<SortKey> keys = List.of(new SortKey(2, ValueKind.STRING, false, true), new SortKey(0, ValueKind.LONG, true, false));
        try (Operator sort = new SortOperator(context, input, keys, 0, -1)) {
            assertThat(column(sort, 0)).containsExactly(2L, 4L, 1L, 3L, 0L);
        }
    }

    @Test
    void keepsTopNAcrossCompactionsWithOffset() {
        QueryContext context = TestingBatches.context(allocator, 100);
        List<VectorSchemaRoot> batches = new ArrayList<>();
        for (int b = 0; b < 10; b++) {
            Long[] a = new Long[1000];
            Double[] d = new Double[1000];
            String[] s = new String[1000];
            for (int i = 0; i < 1000; i++) {
                a[i] = (long) ((b * 7919L + i * 104729L) % 10007);
                d[i] = 0.0;
                s[i] = "x";
            }
            batches.add(TestingBatches.batch(allocator, a, d, s));
        }
        try (Operator sort = new SortOperator(context, TestingBatches.replay(batches), List.of(new SortKey(0, ValueKind.LONG, true, false)), 2, 3)) {
            List<Object> top = column(sort, 0);
            assertThat(top).hasSize(3);
            assertThat((Long) top.get(0)).isGreaterThanOrEqualTo((Long) top.get(1));
            assertThat((Long) top.get(1)).isGreaterThanOrEqualTo((Long) top.get(2));
        }
    }

    @Test
    void limitSkipsAndStops() {
        QueryContext context = TestingBatches.context(allocator, 2);
        Operator input = TestingBatches.replay(List.of(
                TestingBatches.batch(allocator, new Long[] {1L, 2L, 3L}, new Double[] {0.0, 0.0, 0.0}, new String[] {"a", "b", "c"}),
                TestingBatches.batch(allocator, new Long[] {4L, 5L}, new Double[] {0.0, 0.0}, new String[] {"d", "e"})));
        try (Operator limit = new LimitOperator(context, input, 2, 2)) {
            assertThat(column(limit, 0)).containsExactly(3L, 4L);
        }
    }

    private static List<Object> column(Operator operator, int column) {
        List<Object> values = new ArrayList<>();
        for (VectorSchemaRoot batch = operator.next(); batch != null; batch = operator.next()) {
            for (int r = 0; r < batch.getRowCount(); r++) {
                values.add(batch.getVector(column).getObject(r));
            }
        }
        return values;
    }
}
