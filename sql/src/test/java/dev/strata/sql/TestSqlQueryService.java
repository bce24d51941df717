package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryGenerator;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.error.SourceLocation;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.scan.ScanRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class TestSqlQueryService {
    private final TelemetryGenerator generator = new TelemetryGenerator(1, 40, 500, 30);
    private BufferAllocator allocator;
    private InMemoryTableSource source;
    private SqlQueryService service;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        source = new InMemoryTableSource(2000, 500)
                .addAll("t1", generator)
                .addAll("t2", new TelemetryGenerator(2, 10, 50, 5));
        service = SqlTesting.service(source, allocator);
    }

    @AfterEach
    void tearDown() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void countsAndSumsPerMetricMatchTheGeneratedRows() {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Double> sums = new TreeMap<>();
        long from = TelemetryGenerator.BASE_MILLIS + 300_000;
        for (TelemetryRows.Sample sample : generator.samples()) {
            if (sample.tsMillis() >= from && "api".equals(sample.labels().get("job"))) {
                counts.computeIfAbsent(sample.metric(), m -> new long[1])[0]++;
                sums.merge(sample.metric(), sample.value(), Double::sum);
            }
        }
        List<List<Object>> rows = SqlTesting.rows(service, "t1",
                "SELECT metric, count(*), sum(\"value\") FROM samples "
                        + "WHERE ts >= TIMESTAMP '2024-01-01 00:05:00' AND labels['job'] = 'api' GROUP BY metric ORDER BY metric");
        assertThat(rows).hasSize(counts.size());
        int i = 0;
        for (Map.Entry<String, long[]> entry : counts.entrySet()) {
            assertThat(rows.get(i).get(0)).isEqualTo(entry.getKey());
            assertThat(rows.get(i).get(1)).isEqualTo(entry.getValue()[0]);
            assertThat((Double) rows.get(i).get(2)).isCloseTo(sums.get(entry.getKey()), org.assertj.core.data.Offset.offset(1e-6));
            i++;
        }
    }

    @Test
    void projectionThatCanFailIsNotEvaluatedOnRowsTheFilterDropped() {
        long excluded = generator.samples().get(0).seriesId();
        String sql = "SELECT series_id, 1000000 / (series_id - " + excluded + ") AS q FROM samples WHERE series_id <> " + excluded;
        assertThat(service.explain("t1", sql)).contains("ColumnarProject").contains("ColumnarFilter");
        List<Long> expected = new ArrayList<>();
        for (TelemetryRows.Sample sample : generator.samples()) {
            if (sample.seriesId() != excluded) {
                expected.add(1_000_000L / (sample.seriesId() - excluded));
            }
        }
        List<Long> quotients = new ArrayList<>();
        for (List<Object> row : SqlTesting.rows(service, "t1", sql)) {
            quotients.add(((Number) row.get(1)).longValue());
        }
        assertThat(quotients).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void pushesTimeRangeMatchersAndColumnsIntoTheScan() {
        String sql = "SELECT metric, count(*) FROM samples WHERE ts BETWEEN TIMESTAMP '2024-01-01 00:05:00' AND TIMESTAMP '2024-01-01 00:06:00' "
                + "AND labels['job'] = 'api' AND metric LIKE 'cpu%' GROUP BY metric";
        SqlTesting.rows(service, "t1", sql);
        ScanRequest request = source.requests().get(source.requests().size() - 1);
        assertThat(request.tenant()).isEqualTo("t1");
        assertThat(request.columns()).containsExactly("metric", "labels", "ts");
        assertThat(request.timeRange().startNanos()).isEqualTo((TelemetryGenerator.BASE_MILLIS + 300_000) * 1_000_000L);
        assertThat(request.timeRange().endNanos()).isEqualTo((TelemetryGenerator.BASE_MILLIS + 360_000) * 1_000_000L + 999_999);
        assertThat(request.matchers()).extracting(Object::toString).containsExactly("job=\"api\"", "__name__=~\"cpu.*\"");
        assertThat(service.explain("t1", sql)).contains("ColumnarTableScan(table=[samples], columns=[metric, labels, ts], time=[2024-01-01T00:05:00Z..2024-01-01T00:06:00.000999999Z]");
    }

    @Test
    void tenantsSeeOnlyTheirOwnRows() {
        long t1 = (Long) SqlTesting.rows(service, "t1", "SELECT count(*) FROM samples").get(0).get(0);
        long t2 = (Long) SqlTesting.rows(service, "t2", "SELECT count(*) FROM samples").get(0).get(0);
        long nobody = (Long) SqlTesting.rows(service, "t3", "SELECT count(*) FROM samples").get(0).get(0);
        assertThat(t1).isEqualTo(generator.samples().size());
        assertThat(t2).isEqualTo(new TelemetryGenerator(2, 10, 50, 5).samples().size());
        assertThat(nobody).isZero();
        assertThat(source.requests()).allSatisfy(request -> assertThat(request.tenant()).isIn("t1", "t2", "t3"));
        // the same text planned for another tenant never reuses the first tenant's plan
        assertThat(SqlTesting.rows(service, "t2", "SELECT count(*) FROM logs").get(0).get(0)).isEqualTo(50L);
    }

    @Test
    void syntaxErrorsNameLineAndColumn() {
        assertThatThrownBy(() -> service.execute("t1", "SELECT count(*)\nFROM samples WHERE WHERE", QueryLimits.DEFAULT))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SqlErrorCode.SQL_SYNTAX.toErrorCode());
                    assertThat(e.location()).contains(new SourceLocation(2, 20));
                    assertThat(e.getMessage()).startsWith("line 2:20: ");
                });
        assertThatThrownBy(() -> service.execute("t1", "SELECT nope FROM samples", QueryLimits.DEFAULT))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(SqlErrorCode.SQL_VALIDATION.toErrorCode());
                    assertThat(e.location()).contains(new SourceLocation(1, 8));
                    assertThat(e.rawMessage()).contains("nope");
                });
        assertThatThrownBy(() -> service.execute("t1", "DELETE FROM samples", QueryLimits.DEFAULT))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(SqlErrorCode.SQL_UNSUPPORTED_STATEMENT.toErrorCode()));
    }

    @Test
    void rowLimitFailsClearly() {
        assertThatThrownBy(() -> SqlTesting.rows(service, "t1", "SELECT ts FROM samples", QueryLimits.DEFAULT.withMaxRows(100)))
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_ROW_LIMIT.toErrorCode());
                    assertThat(e.getMessage()).contains("more than 100 rows");
                });
    }

    @Test
    void memoryLimitFailsClearlyAndFreesEverything() {
        assertThatThrownBy(() -> SqlTesting.rows(service, "t1", "SELECT line FROM logs ORDER BY line", QueryLimits.DEFAULT.withMaxMemoryBytes(16 * 1024)))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_MEMORY_LIMIT.toErrorCode()));
    }

    @Test
    void timeoutFailsClearly() {
        assertThatThrownBy(() -> SqlTesting.rows(service, "t1", "SELECT ts FROM samples", QueryLimits.DEFAULT.withTimeout(Duration.ofNanos(1))))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_TIMEOUT.toErrorCode()));
    }

    @Test
    void cancelledQueryStopsAndFreesItsMemory() {
        for (String sql : List.of("SELECT ts, line FROM logs", "SELECT ts, row_number() OVER (ORDER BY ts_ns) FROM logs")) {
            try (QueryResult result = service.execute("t1", sql, QueryLimits.DEFAULT)) {
                assertThat(result.next()).isNotNull();
                result.cancel();
                assertThatThrownBy(result::next)
                        .isInstanceOfSatisfying(StrataException.class,
                                e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_CANCELLED.toErrorCode()));
            }
        }
    }

    @Test
    void repeatedTextReusesThePlan() {
        SqlTesting.rows(service, "t1", "SELECT count(*) FROM spans");
        SqlTesting.rows(service, "t1", "SELECT count(*) FROM spans");
        SqlTesting.rows(service, "t2", "SELECT count(*) FROM spans");
        assertThat(service.cachedPlans()).isEqualTo(2);
    }

    @Test
    void explainShowsThePhysicalPlan() {
        List<List<Object>> rows = SqlTesting.rows(service, "t1", "EXPLAIN PLAN FOR SELECT count(*) FROM logs WHERE labels['app'] = 'api'");
        assertThat(rows).hasSize(1);
        assertThat((String) rows.get(0).get(0)).isEqualTo("""
                ColumnarAggregate(group=[{}], EXPR$0=[COUNT()])
                  ColumnarFilter(condition=[=(ITEM($0, 'app'), 'api')])
                    ColumnarTableScan(table=[logs], columns=[labels], matchers=[app="api"])""");
    }

    @Test
    void cachedPlansRunConcurrently() throws Exception {
        List<String> queries = List.of(
                "SELECT s.service_name, count(*) FROM logs l JOIN spans s ON l.trace_id = s.trace_id GROUP BY s.service_name",
                "SELECT name, rank() OVER (PARTITION BY service_name ORDER BY duration_ns, span_id) FROM spans");
        List<List<List<Object>>> expected = new java.util.ArrayList<>();
        for (String sql : queries) {
            expected.add(SqlTesting.rows(service, "t1", sql));
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Boolean>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int index = i % queries.size();
                futures.add(threads.submit(() -> SqlTesting.rows(service, "t1", queries.get(index)).equals(expected.get(index))));
            }
            for (java.util.concurrent.Future<Boolean> future : futures) {
                assertThat(future.get()).isTrue();
            }
        } finally {
            threads.shutdown();
        }
        assertThat(service.cachedPlans()).isEqualTo(2);
    }

    @Test
    void warmUpRunsEveryKindOfQuery() {
        service.warmUp();
        assertThat(service.cachedPlans()).isZero();
    }
}
