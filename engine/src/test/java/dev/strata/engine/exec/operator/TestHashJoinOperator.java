package dev.strata.engine.exec.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.testing.TestingBatches;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestHashJoinOperator {
    private static final List<Field> RIGHT_FIELDS = List.of(
            new Field("a", FieldType.nullable(new ArrowType.Int(64, true)), null),
            new Field("b", FieldType.nullable(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)), null),
            new Field("c", FieldType.nullable(ArrowType.Utf8.INSTANCE), null));

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

    private Operator left() {
        return TestingBatches.replay(List.of(
                TestingBatches.batch(allocator, new Long[] {1L, 2L, 3L}, new Double[] {0.0, 0.0, 0.0}, new String[] {"x", "y", null}),
                TestingBatches.batch(allocator, new Long[] {4L}, new Double[] {0.0}, new String[] {"x"})));
    }

    private Operator right() {
        return TestingBatches.replay(List.of(
                TestingBatches.batch(allocator, new Long[] {10L, 20L}, new Double[] {1.0, 2.0}, new String[] {"x", "z"}),
                TestingBatches.batch(allocator, new Long[] {30L, 40L}, new Double[] {3.0, 4.0}, new String[] {"x", null})));
    }

    @Test
    void innerJoinMatchesEveryPairAndNeverNullKeys() {
        QueryContext context = TestingBatches.context(allocator, 100);
        try (Operator join = new HashJoinOperator(context, left(), right(), new int[] {2}, new int[] {2}, new ValueKind[] {ValueKind.STRING}, false, RIGHT_FIELDS)) {
            assertThat(TestHashAggregateOperator.render(join)).containsExactlyInAnyOrder(
                    "1|0.0|x|10|1.0|x", "1|0.0|x|30|3.0|x", "4|0.0|x|10|1.0|x", "4|0.0|x|30|3.0|x");
        }
    }

    @Test
    void leftJoinKeepsUnmatchedRowsWithNulls() {
        QueryContext context = TestingBatches.context(allocator, 100);
        try (Operator join = new HashJoinOperator(context, left(), right(), new int[] {2}, new int[] {2}, new ValueKind[] {ValueKind.STRING}, true, RIGHT_FIELDS)) {
            assertThat(TestHashAggregateOperator.render(join)).containsExactlyInAnyOrder(
                    "1|0.0|x|10|1.0|x", "1|0.0|x|30|3.0|x", "2|0.0|y|null|null|null", "3|0.0|null|null|null|null",
                    "4|0.0|x|10|1.0|x", "4|0.0|x|30|3.0|x");
        }
    }

    @Test
    void leftJoinWithEmptyBuildSide() {
        QueryContext context = TestingBatches.context(allocator, 100);
        try (Operator join = new HashJoinOperator(context, left(), TestingBatches.replay(List.of()), new int[] {0}, new int[] {0},
                new ValueKind[] {ValueKind.LONG}, true, RIGHT_FIELDS)) {
            assertThat(TestHashAggregateOperator.render(join)).hasSize(4).allSatisfy(row -> assertThat(row).endsWith("|null|null|null"));
        }
    }
}
