package dev.strata.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.exec.RowValues;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.plan.PromQlEngine;
import dev.strata.promql.plan.PromQlLanguage;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PromQL inside SQL: {@code TABLE(promql(query, start, end, step))} gives the rows the PromQL API
 * evaluates for the same query and grid, and joins with the {@code samples} table.
 */
final class TestPromQlInSql {
    private static final String TENANT = "t";
    private static final PromQlParser PARSER = new PromQlParser(ParserOptions.DEFAULT);

    private final RootAllocator allocator = new RootAllocator();
    // counters http_requests_total{job, instance}: +1, +2, +3, +6 per 15s from 0 to 10m
    private final InMemoryTableSource source = new InMemoryTableSource(50, 20)
            .addSamples(TENANT, counter(Labels.of("__name__", "http_requests_total", "job", "api", "instance", "a"), 1))
            .addSamples(TENANT, counter(Labels.of("__name__", "http_requests_total", "job", "api", "instance", "b"), 2))
            .addSamples(TENANT, counter(Labels.of("__name__", "http_requests_total", "job", "web", "instance", "c"), 3))
            .addSamples(TENANT, counter(Labels.of("__name__", "http_requests_total", "job", "web", "instance", "d"), 6));
    private final SqlQueryService sql = new SqlQueryService(source, new SqlFrontend(), new QueryPlanner(),
            new QueryExecutor(allocator, Clock.systemUTC(), new ExecutorConfig(7)), SqlConfig.DEFAULT,
            List.of(new PromQlLanguage(PARSER, PromQlEngine.Settings.DEFAULT)));

    @AfterEach
    void noBufferOutlivesAQuery() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private static List<TelemetryRows.Sample> counter(Labels labels, double increment) {
        List<TelemetryRows.Sample> rows = new ArrayList<>();
        for (int i = 0; i <= 40; i++) {
            rows.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), new TreeMap<>(labels.withoutMetricName().toMap()),
                    i * 15_000L, i * increment));
        }
        return rows;
    }

    private List<List<Object>> rows(String query) {
        List<List<Object>> rows = new ArrayList<>();
        try (QueryResult result = sql.execute(TENANT, query, QueryLimits.DEFAULT)) {
            List<ResultColumn> columns = result.columns();
            for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 0; c < columns.size(); c++) {
                        row.add(RowValues.get(batch.getVector(c), r, columns.get(c).type()));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    void rowsAreWhatThePromQlApiEvaluates() {
        String query = "sum by (job) (rate(http_requests_total[1m]))";
        List<List<Object>> rows = rows("SELECT labels, ts, \"value\" FROM TABLE(promql('" + query + "', "
                + "TIMESTAMP '1970-01-01 00:02:00', TIMESTAMP '1970-01-01 00:10:00', INTERVAL '2' MINUTE))");
        StepVector expected;
        try (RootAllocator api = new RootAllocator()) {
            expected = new PromQlEngine(source, api, PromQlEngine.Settings.DEFAULT).evaluate(TENANT, PARSER.parse(query),
                    new EvalGrid(120_000, 600_000, 120_000));
        }
        List<List<Object>> expectedRows = new ArrayList<>();
        for (StepSeries series : expected.series()) {
            for (int i = 0; i < series.values().length; i++) {
                if (series.present()[i]) {
                    expectedRows.add(List.of(series.labels().toMap(), expected.grid().at(i), series.values()[i]));
                }
            }
        }
        assertThat(expectedRows).hasSize(10);
        assertThat(rows).containsExactlyElementsOf(expectedRows);
        // and by hand: api grows 3 per 15s (0.2/s), web 9 per 15s (0.6/s)
        assertThat(rows.get(0).subList(0, 2)).isEqualTo(List.of(Map.of("job", "api"), 120_000L));
        assertThat((Double) rows.get(0).get(2)).isCloseTo(0.2, offset(1e-12));
        assertThat(rows.get(5).subList(0, 2)).isEqualTo(List.of(Map.of("job", "web"), 120_000L));
        assertThat((Double) rows.get(5).get(2)).isCloseTo(0.6, offset(1e-12));
    }

    @Test
    void joinsWithTheSamplesTable() {
        // each instance's share of its job's request rate at 5m, from the raw counter deltas over the last minute
        List<List<Object>> rows = rows("SELECT s.labels['instance'] AS instance, (s.\"value\" - o.\"value\") / 60 / p.\"value\" AS share "
                + "FROM TABLE(promql('sum by (job) (rate(http_requests_total[1m]))', 300, 300, 60)) p "
                + "JOIN samples s ON s.ts = p.ts AND s.labels['job'] = p.labels['job'] "
                + "JOIN samples o ON o.series_id = s.series_id AND o.ts = s.ts - INTERVAL '1' MINUTE "
                + "ORDER BY instance");
        assertThat(rows).hasSize(4);
        double[] shares = {1.0 / 3, 2.0 / 3, 3.0 / 9, 6.0 / 9};
        for (int i = 0; i < 4; i++) {
            assertThat(rows.get(i).get(0)).isEqualTo(String.valueOf((char) ('a' + i)));
            assertThat((Double) rows.get(i).get(1)).isCloseTo(shares[i], offset(1e-12));
        }
    }

    @Test
    void explainShowsThePromQlPlan() {
        assertThat(sql.explain(TENANT, "SELECT * FROM TABLE(promql('up', 0, 60, 60))"))
                .contains("ColumnarSeriesScan(language=[promql], query=[up], plan=[StepAlign(grid=[0..60000/60000], lookback=[300000]) "
                        + "<- SeriesScan(table=[samples], matchers=[__name__=\"up\"], ts=[-300000..60000])])");
    }

    @Test
    void badPromQlAndRangeVectorsAreRejected() {
        assertThatThrownBy(() -> rows("SELECT * FROM TABLE(promql('sum(', 0, 60, 60))"))
                .isInstanceOf(StrataException.class).hasMessage("promql(): 1:5: parse error: unclosed left parenthesis");
        assertThatThrownBy(() -> rows("SELECT * FROM TABLE(promql('up[5m]', 0, 60, 60))"))
                .isInstanceOf(StrataException.class).hasMessageContaining("instant vector or scalar");
    }
}
