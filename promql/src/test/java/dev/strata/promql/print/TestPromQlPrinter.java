package dev.strata.promql.print;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Printing gives the text Prometheus's {@code Expr.String()} and {@code Pretty()} give. */
final class TestPromQlPrinter {
    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES, FunctionRegistry.standard(), 0);

    /** Input and expected output pairs from Prometheus's {@code printer_test.go} (v3.14). */
    static Stream<Arguments> prometheusPairs() {
        return Stream.of(
            Arguments.of("sum by() (task:errors:rate10s{job=\"s\"})", "sum(task:errors:rate10s{job=\"s\"})"),
            Arguments.of("sum by(code) (task:errors:rate10s{job=\"s\"})", "sum by (code) (task:errors:rate10s{job=\"s\"})"),
            Arguments.of("sum without() (task:errors:rate10s{job=\"s\"})", "sum without () (task:errors:rate10s{job=\"s\"})"),
            Arguments.of("sum without(instance) (task:errors:rate10s{job=\"s\"})", "sum without (instance) (task:errors:rate10s{job=\"s\"})"),
            Arguments.of("sum by(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum by (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"),
            Arguments.of("sum without(\"foo.bar\") (task:errors:rate10s{job=\"s\"})", "sum without (\"foo.bar\") (task:errors:rate10s{job=\"s\"})"),
            Arguments.of("topk(5, task:errors:rate10s{job=\"s\"})", "topk(5, task:errors:rate10s{job=\"s\"})"),
            Arguments.of("count_values(\"value\", task:errors:rate10s{job=\"s\"})", "count_values(\"value\", task:errors:rate10s{job=\"s\"})"),
            Arguments.of("a - on() c", "a - on () c"),
            Arguments.of("a - on(b) c", "a - on (b) c"),
            Arguments.of("a - on(b) group_left(x) c", "a - on (b) group_left (x) c"),
            Arguments.of("a - on(b) group_left(x, y) c", "a - on (b) group_left (x, y) c"),
            Arguments.of("a - on(b) group_left c", "a - on (b) group_left () c"),
            Arguments.of("a - on(b) group_left() (c)", "a - on (b) group_left () (c)"),
            Arguments.of("a - ignoring(b) c", "a - ignoring (b) c"),
            Arguments.of("a - ignoring() c", "a - c"),
            Arguments.of("a - ignoring() group_left c", "a - ignoring () group_left () c"),
            Arguments.of("a + fill(-23) b", "a + fill (-23) b"),
            Arguments.of("a + fill_left(-23) b", "a + fill_left (-23) b"),
            Arguments.of("a + fill_right(42) b", "a + fill_right (42) b"),
            Arguments.of("a + fill_left(-23) fill_right(42) b", "a + fill_left (-23) fill_right (42) b"),
            Arguments.of("a + fill_left(5) fill_right(5) b", "a + fill (5) b"),
            Arguments.of("a + on(b) group_left fill(-23) c", "a + on (b) group_left () fill (-23) c"),
            Arguments.of("up > bool 0", "up > bool 0"),
            Arguments.of("a offset 1m", "a offset 1m"),
            Arguments.of("a offset -7m", "a offset -7m"),
            Arguments.of("a{c=\"d\"}[5m] offset 1m", "a{c=\"d\"}[5m] offset 1m"),
            Arguments.of("a[5m] offset 1m", "a[5m] offset 1m"),
            Arguments.of("a[12m] offset -3m", "a[12m] offset -3m"),
            Arguments.of("a[1h:5m] offset 1m", "a[1h:5m] offset 1m"),
            Arguments.of("a anchored", "a anchored"),
            Arguments.of("a[5m] anchored", "a[5m] anchored"),
            Arguments.of("a{b=\"c\"}[5m] anchored", "a{b=\"c\"}[5m] anchored"),
            Arguments.of("a{b=\"c\"}[5m] anchored offset 1m", "a{b=\"c\"}[5m] anchored offset 1m"),
            Arguments.of("a{b=\"c\"}[5m] anchored @ start() offset 1m", "a{b=\"c\"}[5m] anchored @ start() offset 1m"),
            Arguments.of("a smoothed", "a smoothed"),
            Arguments.of("a[5m] smoothed", "a[5m] smoothed"),
            Arguments.of("a{b=\"c\"}[5m] smoothed", "a{b=\"c\"}[5m] smoothed"),
            Arguments.of("a{b=\"c\"}[5m] smoothed offset 1m", "a{b=\"c\"}[5m] smoothed offset 1m"),
            Arguments.of("a{b=\"c\"}[5m] smoothed @ start() offset 1m", "a{b=\"c\"}[5m] smoothed @ start() offset 1m"),
            Arguments.of("{__name__=\"a\"}", "{__name__=\"a\"}"),
            Arguments.of("a{b!=\"c\"}[1m]", "a{b!=\"c\"}[1m]"),
            Arguments.of("a{b=~\"c\"}[1m]", "a{b=~\"c\"}[1m]"),
            Arguments.of("a{b!~\"c\"}[1m]", "a{b!~\"c\"}[1m]"),
            Arguments.of("a @ 10", "a @ 10.000"),
            Arguments.of("a[1m] @ 10", "a[1m] @ 10.000"),
            Arguments.of("a @ start()", "a @ start()"),
            Arguments.of("a @ end()", "a @ end()"),
            Arguments.of("a[1m] @ start()", "a[1m] @ start()"),
            Arguments.of("a[1m] @ end()", "a[1m] @ end()"),
            Arguments.of("{__name__=\"\",a=\"x\"}", "{__name__=\"\",a=\"x\"}"),
            Arguments.of("{\"a.b\"=\"c\"}", "{\"a.b\"=\"c\"}"),
            Arguments.of("{\"0\"=\"1\"}", "{\"0\"=\"1\"}"),
            Arguments.of("{\"_0\"=\"1\"}", "{_0=\"1\"}"),
            Arguments.of("{\"\"=\"0\"}", "{\"\"=\"0\"}"),
            Arguments.of("{``=\"0\"}", "{\"\"=\"0\"}"),
            Arguments.of("1048576", "1048576"),
            Arguments.of("foo[step()]", "foo[step()]"),
            Arguments.of("foo[-step()]", "foo[-step()]"),
            Arguments.of("foo[(step())]", "foo[(step())]"),
            Arguments.of("foo[-(step())]", "foo[-(step())]"),
            Arguments.of("foo offset step()", "foo offset step()"),
            Arguments.of("foo offset -step()", "foo offset -step()"),
            Arguments.of("foo offset (step())", "foo offset (step())"),
            Arguments.of("foo offset -(step())", "foo offset -(step())"),
            Arguments.of("foo offset +(5)", "foo offset (5)"),
            Arguments.of("foo offset -(5)", "foo offset -(5)"),
            Arguments.of("foo offset (5)", "foo offset (5)"),
            Arguments.of("foo offset (5m)", "foo offset (5m)"),
            Arguments.of("foo[(5s)]", "foo[(5s)]"),
            Arguments.of("foo[(5m):(1m)]", "foo[(5m):(1m)]"),
            Arguments.of("foo offset +min_of(10s, 20s)", "foo offset min_of(10s, 20s)"),
            Arguments.of("foo offset -min_of(10s, 20s)", "foo offset -min_of(10s, 20s)"),
            Arguments.of("foo offset -min_of(10s, +max_of(step() ^ 2, 2))", "foo offset -min_of(10s, max_of(step() ^ 2, 2))"),
            Arguments.of("foo[200-min_of(-step()^+step(),1)]", "foo[200 - min_of(-step() ^ step(), 1)]"),
            Arguments.of("foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]", "foo[200 - min_of(step() + 10s, -max_of(step() ^ 2, 3))]"),
            Arguments.of("foo[range()]", "foo[range()]"),
            Arguments.of("foo[-range()]", "foo[-range()]"),
            Arguments.of("foo offset range()", "foo offset range()"),
            Arguments.of("foo offset -range()", "foo offset -range()"),
            Arguments.of("foo[max_of(range(), 5s)]", "foo[max_of(range(), 5s)]"),
            Arguments.of("predict_linear(foo[1h], 3000)", "predict_linear(foo[1h], 3000)"),
            Arguments.of("sum by(\"üüü\") (foo)", "sum by (\"üüü\") (foo)"),
            Arguments.of("sum without(\"äää\") (foo)", "sum without (\"äää\") (foo)"),
            Arguments.of("count by(\"ööö\", job) (foo)", "count by (\"ööö\", job) (foo)"));
    }

    @ParameterizedTest
    @MethodSource("prometheusPairs")
    void printsLikePrometheus(String input, String expected) {
        assertThat(PromQlPrinter.print(parser.parse(input))).isEqualTo(expected);
    }

    @Test
    void normalisesLiteralsAndSpacing() {
        assertThat(print("rate( http_requests_total{job = 'api' , code=~\"5..\"} [ 90m ] )"))
                .isEqualTo("rate(http_requests_total{code=~\"5..\",job=\"api\"}[1h30m])");
        assertThat(print("0x1F + 1e3 + .5 + 2. + 1_000")).isEqualTo("31 + 1000 + 0.5 + 2 + 1000");
        assertThat(print("-Inf + nan + +inf")).isEqualTo("-Inf + NaN + +Inf");
        assertThat(print("1h30m + 5m")).isEqualTo("1h30m + 5m");
        assertThat(print("x offset 7d")).isEqualTo("x offset 1w");
        assertThat(print("x offset 14d")).isEqualTo("x offset 2w");
        assertThat(print("x offset 15d")).isEqualTo("x offset 15d");
        assertThat(print("x[1500ms]")).isEqualTo("x[1s500ms]");
        assertThat(print("x @ 1609746000.5")).isEqualTo("x @ 1609746000.500");
        assertThat(print("\"a\\tb\" ")).isEqualTo("\"a\\tb\"");
        assertThat(print("`raw\\n`")).isEqualTo("\"raw\\\\n\"");
        assertThat(print("'it\\'s'")).isEqualTo("\"it's\"");
        assertThat(print("SUM BY (job) (X)")).isEqualTo("sum by (job) (X)");
        assertThat(print("sum(x) without (instance)")).isEqualTo("sum without (instance) (x)");
        assertThat(print("{\"metric.with.dots\", \"label.x\"=\"1\"}")).isEqualTo("{\"label.x\"=\"1\",__name__=\"metric.with.dots\"}");
        assertThat(print("a > bool b")).isEqualTo("a > bool b");
        assertThat(print("-(1)")).isEqualTo("-(1)");
        assertThat(print("- 1")).isEqualTo("-1");
        assertThat(print("x[1h:]")).isEqualTo("x[1h:]");
        assertThat(print("x # trailing comment")).isEqualTo("x");
    }

    /** Cases from Prometheus's {@code prettier_test.go}, which uses a line width of 10. */
    static Stream<Arguments> prometheusPrettyCases() {
        return Stream.of(
                Arguments.of("sum(foo)", "sum(foo)"),
                Arguments.of("sum by() (task:errors:rate10s{job=\"s\"})", "sum(\n  task:errors:rate10s{job=\"s\"}\n)"),
                Arguments.of("sum(task:errors:rate10s{job=\"s\"}) without(job,foo)", "sum without (job, foo) (\n  task:errors:rate10s{job=\"s\"}\n)"),
                Arguments.of("topk(10, ask:errors:rate10s{job=\"s\"})", "topk(\n  10,\n  ask:errors:rate10s{job=\"s\"}\n)"),
                Arguments.of("sum by(job,foo) (sum by(job,foo) (task:errors:rate10s{job=\"s\"}))",
                        "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
                Arguments.of("sum by(job,foo) # Comment 1.\n(sum by(job,foo) ( # Comment 2.\ntask:errors:rate10s{job=\"s\"}))",
                        "sum by (job, foo) (\n  sum by (job, foo) (\n    task:errors:rate10s{job=\"s\"}\n  )\n)"),
                Arguments.of("a+b", "a + b"),
                Arguments.of("a == bool 1", "  a\n== bool\n  1"));
    }

    @ParameterizedTest
    @MethodSource("prometheusPrettyCases")
    void prettyPrintsLikePrometheus(String input, String expected) {
        assertThat(PromQlPrinter.pretty(parser.parse(input), 10)).isEqualTo(expected);
    }

    @Test
    void prettyKeepsShortQueriesOnOneLine() {
        Expr expr = parser.parse("sum by (job) (rate(http_requests_total{job=\"api-server\",handler=\"/api/v1/query\"}[5m])) / "
                + "sum by (job) (rate(http_requests_total{job=\"api-server\"}[5m]))");
        assertThat(PromQlPrinter.pretty(expr)).isEqualTo("""
                  sum by (job) (rate(http_requests_total{handler="/api/v1/query",job="api-server"}[5m]))
                /
                  sum by (job) (rate(http_requests_total{job="api-server"}[5m]))""");
        assertThat(PromQlPrinter.pretty(parser.parse("sum(x)"))).isEqualTo("sum(x)");
    }

    private String print(String query) {
        return PromQlPrinter.print(parser.parse(query));
    }
}
