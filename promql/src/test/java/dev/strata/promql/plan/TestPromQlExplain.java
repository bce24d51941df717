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
        try (RootAllocator allocator = new RootAllocator()) {
            PromQlEngine engine = new PromQlEngine(new InMemoryTableSource(10, 10), allocator, PromQlEngine.Settings.DEFAULT);
            return engine.explain(new PromQlParser(ParserOptions.DEFAULT).parse(query), GRID);
        }
    }

    @Test
    void instantSelectorWidensTheScanByTheLookback() {
        assertThat(explain("http_requests{job=\"api\"} offset 1m")).isEqualTo("""
                InstantAlign: grid=[0..600000/60000], lookback=300000, offset=60000
                  SeriesDivide: by=[series_id]
                    SamplesScan: matchers=[job="api", __name__="http_requests"], ts=[-360000..540000]
                """);
    }

    @Test
    void aggregatedRate() {
        assertThat(explain("sum by (job) (rate(http_requests[5m]))")).isEqualTo("""
                Aggregate: op=sum, by=[job]
                  RangeWindow: fn=rate, grid=[0..600000/60000], range=300000, offset=0
                    SeriesDivide: by=[series_id]
                      SamplesScan: matchers=[__name__="http_requests"], ts=[-300000..600000]
                """);
    }

    @Test
    void vectorMatchingAndScalar() {
        assertThat(explain("a / on(job) group_left(env) b > bool 2")).isEqualTo("""
                BinaryJoin: op=> bool, vector-scalar
                  BinaryJoin: op=/, on[job] group_left[env]
                    InstantAlign: grid=[0..600000/60000], lookback=300000, offset=0
                      SeriesDivide: by=[series_id]
                        SamplesScan: matchers=[__name__="a"], ts=[-300000..600000]
                    InstantAlign: grid=[0..600000/60000], lookback=300000, offset=0
                      SeriesDivide: by=[series_id]
                        SamplesScan: matchers=[__name__="b"], ts=[-300000..600000]
                  StepGrid: grid=[0..600000/60000], value=2.0
                """);
    }

    @Test
    void subqueryWithAtModifier() {
        assertThat(explain("max_over_time(deriv(x[2m])[5m:1m] @ 300) or vector(0)")).isEqualTo("""
                UnionDistinctOn: ignoring[]
                  RangeWindow: fn=max_over_time, grid=[0..600000/60000], range=300000, offset=0, at=300000
                    Subquery
                      RangeWindow: fn=deriv, grid=[60000..300000/60000], range=120000, offset=0
                        SeriesDivide: by=[series_id]
                          SamplesScan: matchers=[__name__="x"], ts=[-60000..300000]
                  VectorOf
                    StepGrid: grid=[0..600000/60000], value=0.0
                """);
    }
}
