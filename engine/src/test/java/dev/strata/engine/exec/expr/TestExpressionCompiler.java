package dev.strata.engine.exec.expr;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.testing.TestingBatches;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestExpressionCompiler {
    private final JavaTypeFactoryImpl types = new JavaTypeFactoryImpl();
    private final RexBuilder rex = new RexBuilder(types);
    private final RelDataType rowType = types.builder()
            .add("a", types.createTypeWithNullability(types.createSqlType(SqlTypeName.BIGINT), true))
            .add("b", types.createTypeWithNullability(types.createSqlType(SqlTypeName.DOUBLE), true))
            .add("c", types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true))
            .build();
    private BufferAllocator allocator;
    private VectorSchemaRoot batch;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        batch = TestingBatches.batch(allocator,
                new Long[] {1L, 7L, null, 10L},
                new Double[] {0.5, 3.0, 2.0, null},
                new String[] {"api", "web", null, "apiary"});
    }

    @AfterEach
    void tearDown() {
        batch.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private RexNode ref(int index) {
        return rex.makeInputRef(rowType.getFieldList().get(index).getType(), index);
    }

    /** Evaluates {@code node} and renders each row as true/false/null. */
    private List<String> truth(RexNode node) {
        try (VectorExpression expression = new ExpressionCompiler(rowType, rex, allocator).compile(node)) {
            ColumnData result = expression.evaluate(batch);
            List<String> rows = new ArrayList<>();
            for (int i = 0; i < batch.getRowCount(); i++) {
                rows.add(result.isNull(i) ? "null" : String.valueOf(result.booleans()[i]));
            }
            return rows;
        }
    }

    @Test
    void comparesWithNullsPropagating() {
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(0), rex.makeExactLiteral(BigDecimal.valueOf(5)))))
                .containsExactly("false", "true", "null", "true");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.LESS_THAN, ref(1), rex.makeExactLiteral(new BigDecimal("2.5")))))
                .containsExactly("true", "false", "true", "null");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.EQUALS, ref(2), rex.makeLiteral("api"))))
                .containsExactly("true", "false", "null", "false");
    }

    @Test
    void appliesThreeValuedLogic() {
        RexNode aBig = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, ref(0), rex.makeExactLiteral(BigDecimal.valueOf(5)));
        RexNode bSmall = rex.makeCall(SqlStdOperatorTable.LESS_THAN, ref(1), rex.makeExactLiteral(new BigDecimal("2.5")));
        // rows: (F,T) (T,F) (null,T) (T,null)
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.AND, aBig, bSmall))).containsExactly("false", "false", "null", "null");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.OR, aBig, bSmall))).containsExactly("true", "true", "true", "true");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.NOT, aBig))).containsExactly("true", "false", "null", "false");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.IS_NULL, ref(2)))).containsExactly("false", "false", "true", "false");
    }

    @Test
    void stringComparisonsWithAConstantOrderBytesUnsigned() {
        String[] values = {"error", "err", "errors", "", "Error", "érror", "info", null, "error", "zz"};
        batch.close();
        batch = TestingBatches.batch(allocator, new Long[values.length], new Double[values.length], values);
        byte[] constant = "error".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var ops = List.of(SqlStdOperatorTable.EQUALS, SqlStdOperatorTable.NOT_EQUALS, SqlStdOperatorTable.LESS_THAN,
                SqlStdOperatorTable.LESS_THAN_OR_EQUAL, SqlStdOperatorTable.GREATER_THAN, SqlStdOperatorTable.GREATER_THAN_OR_EQUAL);
        for (var op : ops) {
            List<String> expected = new ArrayList<>();
            for (String value : values) {
                if (value == null) {
                    expected.add("null");
                    continue;
                }
                int c = java.util.Arrays.compareUnsigned(value.getBytes(java.nio.charset.StandardCharsets.UTF_8), constant);
                boolean truth = switch (op.getKind()) {
                    case EQUALS -> c == 0;
                    case NOT_EQUALS -> c != 0;
                    case LESS_THAN -> c < 0;
                    case LESS_THAN_OR_EQUAL -> c <= 0;
                    case GREATER_THAN -> c > 0;
                    default -> c >= 0;
                };
                expected.add(String.valueOf(truth));
            }
            assertThat(truth(rex.makeCall(op, ref(2), rex.makeLiteral("error")))).as(op.getName()).isEqualTo(expected);
        }
    }

    @Test
    void containsPatternAgreesWithStringContainsAtEveryOffset() {
        // text of every length around the 8-byte words the scan reads, with the needle (or a near
        // miss, or its first byte repeated) at every offset, multi-byte UTF-8 included
        java.util.Random random = new java.util.Random(11);
        String[] pieces = {"t", "ti", "timeou", "timeout", "é", "x", "tt", "🙂", "meout"};
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int k = 0; k < n; k++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            values.add(i % 17 == 0 ? null : s.toString());
        }
        batch.close();
        batch = TestingBatches.batch(allocator, new Long[values.size()], new Double[values.size()], values.toArray(new String[0]));
        for (String needle : new String[] {"timeout", "t", "é", "ét", "xtimeoutx"}) {
            List<String> expected = new ArrayList<>();
            for (String value : values) {
                expected.add(value == null ? "null" : String.valueOf(value.contains(needle)));
            }
            assertThat(truth(rex.makeCall(SqlStdOperatorTable.LIKE, ref(2), rex.makeLiteral("%" + needle + "%"))))
                    .as(needle).isEqualTo(expected);
        }
    }

    @Test
    void matchesLikePatternsOnBytes() {
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.LIKE, ref(2), rex.makeLiteral("api%")))).containsExactly("true", "false", "null", "true");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.LIKE, ref(2), rex.makeLiteral("%ia%")))).containsExactly("false", "false", "null", "true");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.LIKE, ref(2), rex.makeLiteral("_eb")))).containsExactly("false", "true", "null", "false");
        assertThat(truth(rex.makeCall(SqlStdOperatorTable.NOT, rex.makeCall(SqlStdOperatorTable.LIKE, ref(2), rex.makeLiteral("%y"))))).containsExactly("true", "true", "null", "false");
    }

    @Test
    void computesArithmeticInTheResultKind() {
        RexNode sum = rex.makeCall(SqlStdOperatorTable.PLUS, ref(0), ref(1));
        try (VectorExpression expression = new ExpressionCompiler(rowType, rex, allocator).compile(sum)) {
            ColumnData result = expression.evaluate(batch);
            assertThat(result.doubles()[0]).isEqualTo(1.5);
            assertThat(result.doubles()[1]).isEqualTo(10.0);
            assertThat(result.isNull(2)).isTrue();
            assertThat(result.isNull(3)).isTrue();
        }
    }

    @Test
    void declinesWhatItCannotCompute() {
        RexNode upper = rex.makeCall(SqlStdOperatorTable.UPPER, ref(2));
        assertThat(ExpressionCompiler.supports(List.of(upper), rowType, rex)).isFalse();
        assertThat(ExpressionCompiler.supports(List.of(ref(0)), rowType, rex)).isTrue();
    }
}
