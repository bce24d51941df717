package dev.strata.promql.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field names and values follow Prometheus's web/api/v1 translateAST. */
final class TestParseQueryTree {
    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES, FunctionRegistry.standard(), 0);

    @Test
    void translatesAggregationsCallsAndSelectors() {
        Map<String, Object> tree = ParseQueryTree.of(parser.parse("sum by (job) (rate(up{job=\"api\"}[5m] offset 1m))"));
        assertThat(tree).containsEntry("type", "aggregation").containsEntry("op", "sum").containsEntry("grouping", List.of("job"))
                .containsEntry("without", false).containsEntry("param", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> call = (Map<String, Object>) tree.get("expr");
        assertThat(call).containsEntry("type", "call");
        assertThat(call.get("func")).isEqualTo(Map.of("name", "rate", "argTypes", List.of("matrix"), "variadic", 0, "returnType", "vector"));
        @SuppressWarnings("unchecked")
        Map<String, Object> matrix = (Map<String, Object>) ((List<Object>) call.get("args")).get(0);
        assertThat(matrix).containsEntry("type", "matrixSelector").containsEntry("name", "up").containsEntry("range", 300_000L)
                .containsEntry("offset", 60_000L).containsEntry("timestamp", null).containsEntry("startOrEnd", null)
                .containsEntry("rangeExpr", null).containsEntry("anchored", false);
        assertThat(matrix.get("matchers")).isEqualTo(List.of(
                Map.of("name", "job", "type", "=", "value", "api"), Map.of("name", "__name__", "type", "=", "value", "up")));
        assertThat(List.copyOf(tree.keySet())).isSorted();
    }

    @Test
    void translatesBinaryMatchingAndLiterals() {
        Map<String, Object> tree = ParseQueryTree.of(parser.parse("a / on (x) group_left (y) b @ end()"));
        assertThat(tree).containsEntry("type", "binaryExpr").containsEntry("op", "/").containsEntry("bool", false);
        Map<String, Object> fill = new java.util.TreeMap<>();
        fill.put("lhs", null);
        fill.put("rhs", null);
        assertThat(tree.get("matching")).isEqualTo(Map.of("card", "many-to-one", "labels", List.of("x"), "on", true, "include", List.of("y"),
                "fillValues", fill));
        assertThat(ParseQueryTree.of(parser.parse("-(1.5)"))).isEqualTo(Map.of("type", "unaryExpr", "op", "-", "expr",
                Map.of("type", "parenExpr", "expr", Map.of("type", "numberLiteral", "val", "1.5"))));
        assertThat(ParseQueryTree.of(parser.parse("\"x\""))).isEqualTo(Map.of("type", "stringLiteral", "val", "x"));
        assertThat(ParseQueryTree.of(parser.parse("1 + 2")).get("matching")).isNull();
        assertThat(Arrays.asList(ParseQueryTree.of(parser.parse("x @ 10")).get("timestamp"))).containsExactly(10_000L);
    }
}
