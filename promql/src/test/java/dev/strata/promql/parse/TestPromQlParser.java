package dev.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AggregateOp;
import dev.strata.promql.ast.AtModifier;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.PositionRange;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.MatchOp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tree shapes Prometheus builds, hand-checked against the PromQL documentation and grammar. */
final class TestPromQlParser {
    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES, FunctionRegistry.standard(), 16);

    @Test
    void binaryPrecedenceFollowsPrometheus() {
        assertThat(shape("1 + 2 * 3")).isEqualTo("(+ 1.0 (* 2.0 3.0))");
        assertThat(shape("1 * 2 + 3")).isEqualTo("(+ (* 1.0 2.0) 3.0)");
        assertThat(shape("a or b and c")).startsWith("(or ").contains("(and ");
        assertThat(shape("a and b unless c")).startsWith("(unless ");
        assertThat(shape("a > b + c")).startsWith("(> ").contains("(+ ");
        assertThat(shape("a + b > bool c or d")).startsWith("(or ");
        assertThat(shape("1 % 2 atan2 3 / 4")).isEqualTo("(/ (atan2 (% 1.0 2.0) 3.0) 4.0)");
    }

    @Test
    void binaryOperatorsAreLeftAssociativeExceptPower() {
        assertThat(shape("1 - 2 - 3")).isEqualTo("(- (- 1.0 2.0) 3.0)");
        assertThat(shape("8 / 4 / 2")).isEqualTo("(/ (/ 8.0 4.0) 2.0)");
        assertThat(shape("2 ^ 3 ^ 2")).isEqualTo("(^ 2.0 (^ 3.0 2.0))");
    }

    @Test
    void unaryMinusBindsLooserThanPowerAndTighterThanMultiplication() {
        // -2^2 is -(2^2) = -4 in PromQL
        assertThat(shape("-2 ^ 2")).isEqualTo("(- (^ 2.0 2.0))");
        assertThat(shape("-x * 2")).isEqualTo("(* (- (selector x [__name__=\"x\"])) 2.0)");
        assertThat(shape("1 - -1")).isEqualTo("(- 1.0 -1.0)");
        assertThat(shape("+0.2")).isEqualTo("0.2");
        assertThat(shape("-(1)")).isEqualTo("(- (paren 1.0))");
        assertThat(shape("- - 1")).isEqualTo("1.0");
        NumberLiteral folded = (NumberLiteral) parse("- 5");
        assertThat(folded.value()).isEqualTo(-5.0);
        assertThat(folded.position()).isEqualTo(new PositionRange(0, 3));
    }

    @Test
    void postfixModifiersBindTighterThanOperators() {
        assertThat(shape("a + b offset 5m")).isEqualTo("(+ (selector a [__name__=\"a\"]) (selector b [__name__=\"b\"] offset PT5M))");
        assertThat(shape("-a @ 10")).isEqualTo("(- (selector a [__name__=\"a\"] @AtModifier[kind=TIMESTAMP, timestampMillis=10000]))");
        assertThat(shape("x offset 100 + 2")).isEqualTo("(+ (selector x [__name__=\"x\"] offset PT1M40S) 2.0)");
        assertThat(shape("x offset -2 ^ 2")).isEqualTo("(^ (selector x [__name__=\"x\"] offset PT-2S) 2.0)");
        assertThat(shape("x offset (2 ^ 2)")).isEqualTo("(selector x [__name__=\"x\"] (dur POW wrapped 2.0 2.0))");
    }

    @Test
    void numberFormats() {
        assertThat(value("0x1f")).isEqualTo(31.0);
        assertThat(value("0X_1F")).isEqualTo(31.0);
        assertThat(value("1e3")).isEqualTo(1000.0);
        assertThat(value("12.34e-6")).isEqualTo(12.34e-6);
        assertThat(value(".5")).isEqualTo(0.5);
        assertThat(value("2.")).isEqualTo(2.0);
        assertThat(value("1_000_000")).isEqualTo(1_000_000.0);
        // Go's base-prefix rules make a leading zero octal, as in Prometheus
        assertThat(value("010")).isEqualTo(8.0);
        assertThat(value("09")).isEqualTo(9.0);
        assertThat(value("Inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(value("-inF")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(value("NaN")).isNaN();
        assertThat(value("nan")).isNaN();
    }

    @Test
    void durationsAreSecondsAndKeepTheirUnitForm() {
        NumberLiteral literal = (NumberLiteral) parse("1h30m");
        assertThat(literal.value()).isEqualTo(5400.0);
        assertThat(literal.duration()).isTrue();
        assertThat(value("5ms")).isEqualTo(0.005);
        assertThat(value("1y")).isEqualTo(365 * 86400.0);
        assertThat(value("2w1d")).isEqualTo(15 * 86400.0);
        MatrixSelector matrix = (MatrixSelector) parse("x[1h30m]");
        assertThat(matrix.range()).isEqualTo(Duration.ofMinutes(90));
        assertThat(((MatrixSelector) parse("x[90]")).range()).isEqualTo(Duration.ofSeconds(90));
        assertThat(((MatrixSelector) parse("x[1.5]")).range()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void stringEscapes() {
        assertThat(string("\"a\\nb\\t\\\"c\\\\\"")).isEqualTo("a\nb\t\"c\\");
        assertThat(string("'it\\'s'")).isEqualTo("it's");
        assertThat(string("\"\\x41\\101\\u00e9\\U0001F600\"")).isEqualTo("AA\u00e9\uD83D\uDE00");
        assertThat(string("`raw \\n \"quoted\"`")).isEqualTo("raw \\n \"quoted\"");
        assertThat(string("\"\\a\\b\\f\\r\\v\"")).isEqualTo("\u0007\b\f\r\u000b");
    }

    @Test
    void selectorsAndMatchers() {
        VectorSelector selector = (VectorSelector) parse("http_requests_total{job=\"api\", code!=\"200\", path=~\"/a.*\", method!~'GET|HEAD',}");
        assertThat(selector.name()).isEqualTo("http_requests_total");
        assertThat(selector.matchers()).containsExactly(
                LabelMatcher.equal("job", "api"),
                LabelMatcher.of("code", MatchOp.NOT_EQUAL, "200"),
                LabelMatcher.of("path", MatchOp.REGEX, "/a.*"),
                LabelMatcher.of("method", MatchOp.NOT_REGEX, "GET|HEAD"),
                LabelMatcher.equal("__name__", "http_requests_total"));
        assertThat(((VectorSelector) parse("job:rate5m:sum")).name()).isEqualTo("job:rate5m:sum");
        VectorSelector utf8 = (VectorSelector) parse("{\"my.metric\", \"service.name\"=\"x\"}");
        assertThat(utf8.name()).isEmpty();
        assertThat(utf8.matchers()).containsExactly(LabelMatcher.equal("__name__", "my.metric"), LabelMatcher.equal("service.name", "x"));
        assertThat(((VectorSelector) parse("{__name__=~\"up|down\"}")).matchers()).containsExactly(LabelMatcher.of("__name__", MatchOp.REGEX, "up|down"));
    }

    @Test
    void keywordsAreUsableAsNames() {
        assertThat(shape("sum")).isEqualTo("(selector sum [__name__=\"sum\"])");
        assertThat(shape("offset{on=\"1\", by=\"2\", sum=\"3\"}")).isEqualTo("(selector offset [__name__=\"offset\", by=\"2\", on=\"1\", sum=\"3\"])");
        assertThat(shape("sum by (on, by, sum, bool, offset, group_left) (x)")).startsWith("(sum by[on, by, sum, bool, offset, group_left] ");
        assertThat(shape("a + on(ignoring, start) b")).contains("matchingLabels=[ignoring, start], on=true");
        // fill is a keyword only before "("
        assertThat(shape("fill + fill(0) other")).isEqualTo(
                "(+ VectorMatching[cardinality=ONE_TO_ONE, matchingLabels=[], on=false, include=[], fillLeft=OptionalDouble[0.0], fillRight=OptionalDouble[0.0]] "
                        + "(selector fill [__name__=\"fill\"]) (selector other [__name__=\"other\"]))");
    }

    @Test
    void aggregations() {
        AggregateExpr topk = (AggregateExpr) parse("topk by (job) (3, rate(x[5m]))");
        assertThat(topk.op()).isEqualTo(AggregateOp.TOPK);
        assertThat(topk.grouping()).containsExactly("job");
        assertThat(topk.without()).isFalse();
        assertThat(((NumberLiteral) topk.param().orElseThrow()).value()).isEqualTo(3.0);
        AggregateExpr after = (AggregateExpr) parse("sum(x) without (instance, \"service.name\")");
        assertThat(after.without()).isTrue();
        assertThat(after.grouping()).containsExactly("instance", "service.name");
        assertThat(((AggregateExpr) parse("count_values(\"le\", x)")).param().orElseThrow()).isInstanceOf(StringLiteral.class);
        assertThat(((AggregateExpr) parse("quantile(0.9, x)")).param().orElseThrow().type()).isEqualTo(ValueType.SCALAR);
        assertThat(((AggregateExpr) parse("limit_ratio(0.5, x)")).op()).isEqualTo(AggregateOp.LIMIT_RATIO);
        assertThat(((AggregateExpr) parse("limitk(2, x)")).op()).isEqualTo(AggregateOp.LIMITK);
    }

    @Test
    void vectorMatching() {
        BinaryExpr join = (BinaryExpr) parse("a * on (instance) group_left (node, \"k8s.pod\") b");
        var matching = join.matching().orElseThrow();
        assertThat(matching.cardinality()).isEqualTo(VectorMatchCardinality.MANY_TO_ONE);
        assertThat(matching.on()).isTrue();
        assertThat(matching.matchingLabels()).containsExactly("instance");
        assertThat(matching.include()).containsExactly("node", "k8s.pod");
        BinaryExpr right = (BinaryExpr) parse("a / ignoring(code) group_right b");
        assertThat(right.matching().orElseThrow().cardinality()).isEqualTo(VectorMatchCardinality.ONE_TO_MANY);
        assertThat(right.matching().orElseThrow().on()).isFalse();
        assertThat(((BinaryExpr) parse("a and b")).matching().orElseThrow().cardinality()).isEqualTo(VectorMatchCardinality.MANY_TO_MANY);
        BinaryExpr scalar = (BinaryExpr) parse("a > bool 1");
        assertThat(scalar.returnBool()).isTrue();
        assertThat(scalar.matching()).isEmpty();
        assertThat(scalar.type()).isEqualTo(ValueType.VECTOR);
        assertThat(parse("1 > bool 2").type()).isEqualTo(ValueType.SCALAR);
        var fills = ((BinaryExpr) parse("a + fill_right(-1) fill_left(2) b")).matching().orElseThrow();
        assertThat(fills.fillLeft().getAsDouble()).isEqualTo(2.0);
        assertThat(fills.fillRight().getAsDouble()).isEqualTo(-1.0);
    }

    @Test
    void offsetsAtAndSubqueries() {
        VectorSelector negative = (VectorSelector) parse("x offset -1h");
        assertThat(negative.offset()).isEqualTo(Duration.ofHours(-1));
        MatrixSelector afterRange = (MatrixSelector) parse("x[5m] offset 1m @ 100");
        assertThat(afterRange.selector().offset()).isEqualTo(Duration.ofMinutes(1));
        assertThat(afterRange.selector().at()).contains(AtModifier.timestamp(100_000));
        assertThat(((VectorSelector) parse("x @ start()")).at()).contains(AtModifier.start());
        assertThat(((VectorSelector) parse("x @ end() offset 5m")).at()).contains(AtModifier.end());
        assertThat(((VectorSelector) parse("x @ -1.5")).at()).contains(AtModifier.timestamp(-1500));
        SubqueryExpr subquery = (SubqueryExpr) parse("rate(x[5m])[1h:30s] offset 10m @ end()");
        assertThat(subquery.range()).isEqualTo(Duration.ofHours(1));
        assertThat(subquery.step()).isEqualTo(Duration.ofSeconds(30));
        assertThat(subquery.offset()).isEqualTo(Duration.ofMinutes(10));
        assertThat(subquery.at()).contains(AtModifier.end());
        assertThat(subquery.expr()).isInstanceOf(Call.class);
        SubqueryExpr defaultStep = (SubqueryExpr) ((Call) parse("max_over_time((x > 1)[1h:])")).args().get(0);
        assertThat(defaultStep.step()).isEqualTo(Duration.ZERO);
        assertThat(defaultStep.stepExpr()).isEmpty();
    }

    @Test
    void extendedRangeSelectorsAndDurationExpressions() {
        MatrixSelector anchored = (MatrixSelector) ((Call) parse("increase(x[1m] anchored)")).args().get(0);
        assertThat(anchored.selector().anchored()).isTrue();
        assertThat(shape("x[2m*(10+5)]")).contains("(dur MUL dur:120.0 (dur ADD wrapped 10.0 5.0))");
        assertThat(shape("x[step() + 1ms]")).contains("(dur ADD (dur STEP) dur:0.001)");
        assertThat(shape("x offset min_of(step(), 1s)")).contains("(dur MIN_OF (dur STEP) dur:1.0)");
    }

    @Test
    void functionsResolveTheirSignatures() {
        Call call = (Call) parse("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))");
        assertThat(call.function().name()).isEqualTo("histogram_quantile");
        assertThat(call.type()).isEqualTo(ValueType.VECTOR);
        assertThat(parse("time()").type()).isEqualTo(ValueType.SCALAR);
        assertThat(parse("scalar(x)").type()).isEqualTo(ValueType.SCALAR);
        assertThat(((Call) parse("label_join(x, \"dst\", \",\", \"a\", \"b\", \"c\")")).args()).hasSize(6);
        assertThat(((Call) parse("round(x)")).args()).hasSize(1);
        assertThat(((Call) parse("day_of_week()")).args()).isEmpty();
        assertThat(((Call) parse("absent_over_time(x[5m])")).function().returnType()).isEqualTo(ValueType.VECTOR);
        VectorSelector labelsOnly = (VectorSelector) ((Call) parse("info(x, {k8s_cluster=~\".+\"})")).args().get(1);
        assertThat(labelsOnly.bypassEmptyMatcherCheck()).isTrue();
    }

    @Test
    void commentsAndWhitespaceAreIgnored() {
        assertThat(shape("# leading\nsum( # inner\n x ) # trailing")).isEqualTo("(sum (selector x [__name__=\"x\"]))");
    }

    @Test
    void positionsCoverTheSourceText() {
        BinaryExpr expr = (BinaryExpr) parse("sum(rate(x[5m])) / 2");
        assertThat(expr.position()).isEqualTo(new PositionRange(0, 20));
        assertThat(expr.lhs().position()).isEqualTo(new PositionRange(0, 16));
        Call rate = (Call) ((AggregateExpr) expr.lhs()).expr();
        assertThat(rate.position()).isEqualTo(new PositionRange(4, 15));
        assertThat(rate.args().get(0).position()).isEqualTo(new PositionRange(9, 14));
    }

    @Test
    void parsesLoneSeriesSelectors() {
        assertThat(parser.parseMetricSelector("up{job=~\"api|web\"}"))
                .containsExactly(LabelMatcher.of("job", MatchOp.REGEX, "api|web"), LabelMatcher.equal("__name__", "up"));
        assertThat(parser.parseMetricSelector("{\"service.name\"=\"x\"}")).containsExactly(LabelMatcher.equal("service.name", "x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parseMetricSelector("up offset 5m"))
                .hasMessage("line 1:4: unexpected <offset>");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> parser.parseMetricSelector("rate(x[5m])"))
                .hasMessage("line 1:5: unexpected \"(\"");
    }

    @Test
    void cachesParsedTrees() {
        Expr first = parser.parse("up == 1");
        assertThat(parser.parse("up == 1")).isSameAs(first);
    }

    private Expr parse(String query) {
        return parser.parse(query);
    }

    private String shape(String query) {
        return AstShape.of(parse(query));
    }

    private double value(String query) {
        return ((NumberLiteral) parse(query)).value();
    }

    private String string(String query) {
        return ((StringLiteral) parse(query)).value();
    }

}
