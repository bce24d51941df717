package dev.strata.promql.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.print.PromQlPrinter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Values hand-computed from the expressions of Prometheus's duration_expression.test. */
final class TestDurationResolver {
    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES, FunctionRegistry.standard(), 0);
    private final DurationResolver fiveSecondSteps = new DurationResolver(Duration.ofSeconds(5), Duration.ofSeconds(10));

    @Test
    void resolvesRangesStepsAndOffsets() {
        MatrixSelector range = (MatrixSelector) ((Call) resolve("changes(x[2m*(10+5)])")).args().get(0);
        assertThat(range.range()).isEqualTo(Duration.ofMinutes(30));
        assertThat(range.rangeExpr()).isEmpty();
        assertThat(((MatrixSelector) ((Call) resolve("changes(x[1h30m % 1h])")).args().get(0)).range()).isEqualTo(Duration.ofMinutes(30));
        assertThat(((MatrixSelector) ((Call) resolve("count_over_time(x[step()+1ms])")).args().get(0)).range()).isEqualTo(Duration.ofMillis(5001));
        assertThat(((MatrixSelector) ((Call) resolve("count_over_time(x[1+(STep()-5)*2])")).args().get(0)).range()).isEqualTo(Duration.ofSeconds(1));
        assertThat(((MatrixSelector) ((Call) resolve("count_over_time(x[range()])")).args().get(0)).range()).isEqualTo(Duration.ofSeconds(10));
        assertThat(((VectorSelector) resolve("x offset -(min_of(step(), 2s)-5)")).offset()).isEqualTo(Duration.ofSeconds(3));
        assertThat(((VectorSelector) resolve("x offset (-step()*2)")).offset()).isEqualTo(Duration.ofSeconds(-10));
        SubqueryExpr subquery = (SubqueryExpr) ((Call) resolve("sum_over_time(x[29s+1s:((((8 - 2) / 3) * 7s) % 4) + 8000ms])")).args().get(0);
        assertThat(subquery.range()).isEqualTo(Duration.ofSeconds(30));
        assertThat(subquery.step()).isEqualTo(Duration.ofSeconds(10));
        assertThat(PromQlPrinter.print(resolve("x[5m:step()] offset max_of(3s, min_of(step(), 1s))"))).isEqualTo("x[5m:5s] offset 3s");
    }

    @Test
    void rejectsNonPositiveRanges() {
        assertThatThrownBy(() -> resolve("count_over_time(x[step() - 5s])")).hasMessage("18:29: duration must be greater than 0");
        assertThatThrownBy(() -> resolve("x[1h:step() % (step() - 5s)]")).hasMessageEndingWith("modulo by zero");
    }

    private Expr resolve(String query) {
        return fiveSecondSteps.resolve(parser.parse(query));
    }
}
