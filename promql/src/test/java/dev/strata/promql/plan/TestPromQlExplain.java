package dev.strata.promql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Golden plans: the EXPLAIN text of a few representative queries (range query 0..10m step 1m). */
final class TestPromQlExplain {
    private static final EvalGrid GRID = new EvalGrid(0, 600_000, 60_000);

    private static String explain(String query) {
        return explain(query, GRID);
    }

    private static String explain(String query, EvalGrid grid) {
        try (RootAllocator allocator = new RootAllocator()) {
            PromQlEngine engine = new PromQlEngine(new InMemoryTableSource(10, 10), allocator, PromQlEngine.Settings.DEFAULT);
            return engine.explain(new PromQlParser(ParserOptions.DEFAULT).parse(query), grid);
        }
    }

    @Test
    void instantSelectorWidensTheScanByTheLookback() {
        assertThat(explain("http_requests{job=\"api\"} offset 1m")).isEqualTo("""
                StepAlign(grid=[0..600000/60000], lookback=[300000], offset=[60000])
                  SeriesScan(table=[samples], matchers=[job="api", __name__="http_requests"], ts=[-360000..540000])""");
    }

    @Test
    void aggregatedRate() {
        assertThat(explain("sum by (job) (rate(http_requests[5m]))")).isEqualTo("""
                SeriesAggregate(op=[sum], by=[job])
                  RangeWindow(fn=[rate], grid=[0..600000/60000], range=[300000])
                    SeriesScan(table=[samples], matchers=[__name__="http_requests"], ts=[-300000..600000])""");
    }

    @Test
    void vectorMatchingAndScalar() {
        assertThat(explain("a / on(job) group_left(env) b > bool 2")).isEqualTo("""
                VectorMatch(op=[>], bool=[true], operands=[vector-scalar])
                  VectorMatch(op=[/], on=[job], group=[left], include=[env])
                    StepAlign(grid=[0..600000/60000], lookback=[300000])
                      SeriesScan(table=[samples], matchers=[__name__="a"], ts=[-300000..600000])
                    StepAlign(grid=[0..600000/60000], lookback=[300000])
                      SeriesScan(table=[samples], matchers=[__name__="b"], ts=[-300000..600000])
                  GridScalar(grid=[0..600000/60000], value=[2.0])""");
    }

    @Test
    void subqueryWithAtModifier() {
        // the inner grid is aligned to multiples of its step, the scan widened by deriv's range
        assertThat(explain("max_over_time(deriv(x[2m])[5m:1m] @ 300) or vector(0)")).isEqualTo("""
                VectorMatch(op=[or])
                  RangeWindow(fn=[max_over_time], grid=[0..600000/60000], range=[300000], at=[300000])
                    SeriesSubquery
                      RangeWindow(fn=[deriv], grid=[60000..300000/60000], range=[120000])
                        SeriesScan(table=[samples], matchers=[__name__="x"], ts=[-60000..300000])
                  SeriesFunction(fn=[vector])
                    GridScalar(grid=[0..600000/60000], value=[0.0])""");
    }

    @Test
    void histogramQuantileOverAggregatedBuckets() {
        assertThat(explain("histogram_quantile(0.9, sum without (instance) (rate(h_bucket[1m])))")).isEqualTo("""
                SeriesFunction(fn=[histogram_quantile])
                  GridScalar(grid=[0..600000/60000], value=[0.9])
                  SeriesAggregate(op=[sum], without=[instance])
                    RangeWindow(fn=[rate], grid=[0..600000/60000], range=[60000])
                      SeriesScan(table=[samples], matchers=[__name__="h_bucket"], ts=[-60000..600000])""");
    }

    @Test
    void labelFunctionsAndAbsentCarryTheirLiterals() {
        assertThat(explain("label_replace(absent(up{job=\"a\"}), \"dst\", \"$1\", \"job\", \"(.*)\")")).isEqualTo("""
                SeriesFunction(fn=[label_replace], args=[dst, $1, job, (.*)])
                  SeriesFunction(fn=[absent], args=[job, a])
                    StepAlign(grid=[0..600000/60000], lookback=[300000])
                      SeriesScan(table=[samples], matchers=[job="a", __name__="up"], ts=[-300000..600000])""");
    }

    @Test
    void topkParameterIsASecondInput() {
        assertThat(explain("topk(3, x)")).isEqualTo("""
                SeriesAggregate(op=[topk], by=[])
                  StepAlign(grid=[0..600000/60000], lookback=[300000])
                    SeriesScan(table=[samples], matchers=[__name__="x"], ts=[-300000..600000])
                  GridScalar(grid=[0..600000/60000], value=[3.0])""");
    }

    @Test
    void emptySubqueryIsAnEmptyValues() {
        // at 90s no step of the inner 1m grid falls in the window (70s, 90s]: there is nothing to read
        assertThat(explain("max_over_time(x[20s:1m])", EvalGrid.instant(90_000))).isEqualTo("""
                RangeWindow(fn=[max_over_time], grid=[90000], range=[20000])
                  LogicalValues(tuples=[[]])""");
    }
}
