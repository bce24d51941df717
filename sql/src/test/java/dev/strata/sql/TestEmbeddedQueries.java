package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.catalog.EmbeddedQueryLanguage;
import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.series.AggregationOp;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.TimeShift;
import dev.strata.engine.series.rel.SeriesAggregate;
import dev.strata.engine.series.rel.SeriesScan;
import dev.strata.engine.series.rel.StepAlign;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A series plan as a SQL table function, through a stand-in language ({@code sum_by_job('up', ...)}
 * is {@code sum by (job) (up)}), so the bridge is tested without a front-end: hand-computed rows,
 * a join with {@code samples}, the plan in EXPLAIN.
 */
final class TestEmbeddedQueries {
    private static final String TENANT = "t";

    /** {@code sum by (job) (<metric>)} with a 5m lookback. */
    private static final EmbeddedQueryLanguage SUM_BY_JOB = new EmbeddedQueryLanguage() {
        @Override
        public String name() {
            return "sum_by_job";
        }

        @Override
        public RelNode toRel(String query, EvalGrid grid, RelBuilder relBuilder) {
            relBuilder.push(SeriesScan.create(relBuilder.getCluster(), List.of(LabelMatcher.equal("__name__", query)), grid.startMs() - 300_000,
                    grid.endMs()));
            RelNode aligned = StepAlign.create(relBuilder.build(), grid, 300_000, TimeShift.NONE, false);
            return SeriesAggregate.create(aligned, Optional.empty(), AggregationOp.SUM, List.of("job"), false, Optional.empty(), "");
        }

        @Override
        public long maxSamples() {
            return 1_000;
        }
    };

    private final RootAllocator allocator = new RootAllocator();
    // up{job="a",instance="1"} 1 2 3, up{job="a",instance="2"} 10 20 30, up{job="b",instance="3"} 100 200 300, every minute from 0
    private final InMemoryTableSource source = new InMemoryTableSource(2, 2)
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "a", "instance", "1"), 1, 2, 3))
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "a", "instance", "2"), 10, 20, 30))
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "b", "instance", "3"), 100, 200, 300));
    // batches of 2 rows: a series spans batches
    private final SqlQueryService service = new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
            new QueryExecutor(allocator, Clock.systemUTC(), new ExecutorConfig(2)), SqlConfig.DEFAULT, List.of(SUM_BY_JOB));

    @AfterEach
    void noBufferOutlivesAQuery() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private static List<TelemetryRows.Sample> series(Labels labels, double... values) {
        List<TelemetryRows.Sample> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), new TreeMap<>(labels.withoutMetricName().toMap()),
                    i * 60_000L, values[i]));
        }
        return rows;
    }

    @Test
    void rowsAreTheValuesOnTheGrid() {
        List<List<Object>> rows = SqlTesting.rows(service, TENANT, "SELECT labels['job'] AS job, ts, \"value\" FROM TABLE(sum_by_job('up', "
                + "TIMESTAMP '1970-01-01 00:00:00', TIMESTAMP '1970-01-01 00:02:00', INTERVAL '1' MINUTE)) ORDER BY job, ts");
        assertThat(rows).containsExactly(
                List.of("a", 0L, 11.0), List.of("a", 60_000L, 22.0), List.of("a", 120_000L, 33.0),
                List.of("b", 0L, 100.0), List.of("b", 60_000L, 200.0), List.of("b", 120_000L, 300.0));
    }

    @Test
    void joinsWithTheSamplesTable() {
        // each instance's share of its job's total at 2m: 3/33, 30/33, 300/300
        List<List<Object>> rows = SqlTesting.rows(service, TENANT, "SELECT s.labels['instance'] AS instance, s.\"value\" / p.\"value\" AS share "
                + "FROM TABLE(sum_by_job('up', 0, 120, 60)) p JOIN samples s ON s.ts = p.ts AND s.labels['job'] = p.labels['job'] "
                + "WHERE s.ts = TIMESTAMP '1970-01-01 00:02:00' ORDER BY instance");
        assertThat(rows).containsExactly(List.of("1", 3.0 / 33), List.of("2", 30.0 / 33), List.of("3", 1.0));
    }

    @Test
    void explainShowsTheSeriesPlanInsideTheScan() {
        String plan = service.explain(TENANT, "SELECT * FROM TABLE(sum_by_job('up', 0, 60, 60))");
        assertThat(plan).contains("ColumnarSeriesScan(language=[sum_by_job], query=[up], plan=[SeriesAggregate(op=[sum], by=[job]) "
                + "<- StepAlign(grid=[0..60000/60000], lookback=[300000]) <- SeriesScan(table=[samples], matchers=[__name__=\"up\"], "
                + "ts=[-300000..60000])])");
    }

    @Test
    void argumentsMustBeConstants() {
        assertThatThrownBy(() -> SqlTesting.rows(service, TENANT,
                "SELECT * FROM samples s, LATERAL TABLE(sum_by_job(s.metric, 0, 60, 60))"))
                .isInstanceOf(StrataException.class);
        assertThatThrownBy(() -> SqlTesting.rows(service, TENANT, "SELECT * FROM TABLE(sum_by_job('up', 60, 0, 60))"))
                .isInstanceOf(StrataException.class)
                .hasMessageContaining("end must not be before start");
    }
}
