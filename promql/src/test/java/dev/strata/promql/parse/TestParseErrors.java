package dev.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.ast.PositionRange;
import dev.strata.spi.error.ErrorType;
import dev.strata.spi.error.StrataException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Errors carry Prometheus's message and position. */
final class TestParseErrors {
    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES, FunctionRegistry.standard(), 0);
    private final PromQlParser defaultParser = new PromQlParser(ParserOptions.DEFAULT, FunctionRegistry.standard(), 0);

    static List<PrometheusParseErrors.ErrorCase> prometheusCases() {
        return PrometheusParseErrors.CASES;
    }

    @ParameterizedTest
    @MethodSource("prometheusCases")
    void sameMessageAndPositionAsPrometheus(PrometheusParseErrors.ErrorCase expected) {
        StrataException e = parseError(parser, expected.query());
        String location = expected.query().isEmpty() ? "1:1" : new PositionRange(expected.offset(), expected.offset()).location(expected.query()).toString();
        assertThat(e.location().orElseThrow().toString() + " " + e.rawMessage()).isEqualTo(location + " " + expected.message());
        assertThat(e.errorType()).isEqualTo(ErrorType.USER_ERROR);
    }

    @Test
    void rendersAsPrometheusApiMessage() {
        StrataException e = parseError(parser, "sum(rate(x[5m])) +");
        assertThat(PromQlParser.prometheusMessage(e)).isEqualTo("1:19: parse error: unexpected end of input");
        assertThat(e.errorCode()).isEqualTo(PromQlErrorCode.PROMQL_SYNTAX.toErrorCode());
        assertThat(e.errorCode().code()).isEqualTo(0x0500_0000);
    }

    @Test
    void typeErrorsAreSemanticErrors() {
        StrataException e = parseError(parser, "rate(x)");
        assertThat(e.errorCode()).isEqualTo(PromQlErrorCode.PROMQL_SEMANTIC.toErrorCode());
        assertThat(PromQlParser.prometheusMessage(e))
                .isEqualTo("1:6: parse error: expected type range vector in call to function \"rate\", got instant vector");
    }

    @Test
    void positionsCountLinesAndColumns() {
        StrataException e = parseError(parser, "sum(\n  rate(x[5m])\n) by (job) +");
        assertThat(e.location().orElseThrow().toString()).isEqualTo("3:13");
        assertThat(e.rawMessage()).isEqualTo("unexpected end of input");
    }

    @Test
    void unknownFunctionAndTypeMessages() {
        assertThat(parseError(parser, "foo(bar)").rawMessage()).isEqualTo("unknown function with name \"foo\"");
        assertThat(parseError(parser, "histogram_quantile(x, 0.9)").rawMessage())
                .isEqualTo("expected type scalar in call to function \"histogram_quantile\", got instant vector");
        assertThat(parseError(parser, "label_join(x, \"a\")").rawMessage()).isEqualTo("expected at least 3 argument(s) in call to \"label_join\", got 2");
        assertThat(parseError(parser, "round(x, 1, 2)").rawMessage()).isEqualTo("expected at most 2 argument(s) in call to \"round\", got 3");
        assertThat(parseError(parser, "1 < 2").rawMessage()).isEqualTo("comparisons between scalars must use BOOL modifier");
        assertThat(parseError(parser, "x[5m] + 1").rawMessage()).isEqualTo("binary expression must contain only scalar and instant vector types");
        assertThat(parseError(parser, "quantile(\"a\", x)").rawMessage()).isEqualTo("expected type scalar in aggregation parameter, got string");
        assertThat(parseError(parser, "sum(x[5m])").rawMessage()).isEqualTo("expected type instant vector in aggregation expression, got range vector");
        assertThat(parseError(parser, "x[5m][1h:]").rawMessage()).isEqualTo("subquery is only allowed on instant vector, got matrix instead");
    }

    @Test
    void experimentalSyntaxNeedsItsFeatureFlag() {
        assertThat(parseError(defaultParser, "limitk(1, x)").rawMessage())
                .isEqualTo("limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
        assertThat(parseError(defaultParser, "sort_by_label(x, \"a\")").rawMessage()).isEqualTo("function \"sort_by_label\" is not enabled");
        assertThat(parseError(defaultParser, "x[5m + 1m]").rawMessage()).isEqualTo("experimental duration expression is not enabled");
        assertThat(parseError(defaultParser, "x[step()]").rawMessage()).isEqualTo("experimental duration expression is not enabled");
        assertThat(parseError(defaultParser, "rate(x[5m] anchored)").rawMessage()).isEqualTo("anchored modifier is experimental and not enabled");
        assertThat(parseError(defaultParser, "a + fill(0) b").rawMessage()).isEqualTo("binop fill modifiers are experimental and not enabled");
        assertThat(defaultParser.parse("x offset -5m")).isNotNull();
    }

    @Test
    void parenthesisAfterGroupLeftIsTheLabelList() {
        // goyacc shifts "(" into the label list, so the right operand is then missing (Prometheus
        // words it "unexpected end of input"; ANTLR's prediction stops at the parenthesis)
        assertThat(parseError(parser, "a * on(x) group_left (b)").rawMessage()).isEqualTo("unexpected \"(\"");
        assertThat(parser.parse("a * on(x) group_left (b) c")).isNotNull();
    }

    @Test
    void regexMatchersMustCompile() {
        StrataException e = parseError(parser, "x{a=~\"(.*\"}");
        assertThat(e.rawMessage()).startsWith("error parsing regexp: missing closing ): `(.*`");
        assertThat(e.location().orElseThrow().toString()).isEqualTo("1:3");
    }

    private static StrataException parseError(PromQlParser parser, String query) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse(query));
        assertThat(thrown).as("parsing %s", query).isInstanceOf(StrataException.class);
        return (StrataException) thrown;
    }

    @Test
    void parsesValidQueryAfterFailure() {
        assertThatThrownBy(() -> parser.parse("sum(")).isInstanceOf(StrataException.class);
        assertThat(parser.parse("sum(x)")).isNotNull();
    }
}
