package dev.strata.tests.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.testing.TelemetryGenerator;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.sql.DifferentialCases;
import dev.strata.sql.DifferentialCases.SqlCase;
import dev.strata.sql.DuckDbOracle;
import dev.strata.sql.ResultComparison;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.SpanRecord;
import dev.strata.storage.write.WriteResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQL differential cases of the {@code sql} module over the real store: generated telemetry
 * goes in through {@link dev.strata.storage.write.TelemetryWriter}, every case runs through
 * {@link SqlQueryService} once while the rows are only in the head and once after
 * {@link ColumnStore#flush()} put them into Parquet parts and the store was reopened, and DuckDB reading those parts in place
 * is the oracle for both. Another tenant's rows sit in the same store and must never show up.
 * Queries run with three threads over parts of 1000-row row groups and over a head cut into
 * splits of about 700 rows, so aggregations and top-Ns over parts and over the head are read by
 * parallel workers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TestSqlOverStore {
    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";
    /** Cases whose DuckDB view over the parts cannot state the column the same way, with the reason. */
    private static final Map<String, String> EXCLUDED = Map.of();

    private RootAllocator root;
    private BufferAllocator storeAllocator;
    private BufferAllocator queryAllocator;
    private Path directory;
    private ColumnStore store;
    private SqlQueryService service;
    private QueryWorkerPool workers;
    private final Map<String, Outcome> overHead = new HashMap<>();
    private final Map<String, Outcome> overParts = new HashMap<>();
    private DuckDbOracle oracle;

    /** What one run of a case gave: rows or the failure, and the Arrow bytes left allocated after it. */
    private record Outcome(List<List<Object>> rows, RuntimeException failure, long leakedBytes) {}

    @BeforeAll
    void setUp() throws Exception {
        root = new RootAllocator();
        storeAllocator = root.newChildAllocator("store", 0, Long.MAX_VALUE);
        queryAllocator = root.newChildAllocator("queries", 0, Long.MAX_VALUE);
        directory = Files.createTempDirectory("strata-sql-over-store");
        // no background sealing: the first pass must see the head only; the clock a day after the
        // generated data, so that retention keeps every row
        Clock clock = Clock.fixed(Instant.ofEpochMilli(TelemetryGenerator.BASE_MILLIS).plus(Duration.ofDays(1)), ZoneOffset.UTC);
        StorageConfig config = StorageConfig.builder(directory)
                .clock(clock)
                .fsyncPolicy(FsyncPolicy.NEVER)
                .backgroundInterval(Duration.ofDays(1))
                .scanBatchRows(1000) // several batches per head split
                .scanHeadSplitRows(700) // the head cut into many splits of a few series, read by parallel workers
                .build();
        store = open(config);
        workers = QueryWorkerPool.create(3);
        write(TENANT, new TelemetryGenerator(7, 240, 6000, 300));
        write(OTHER_TENANT, new TelemetryGenerator(8, 20, 100, 10));
        service = new SqlQueryService(store, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(queryAllocator, Clock.systemUTC(), new ExecutorConfig(1000, workers)), SqlConfig.DEFAULT);

        List<SqlCase> cases = DifferentialCases.load();
        assertThat(store.parts()).as("parts before the flush").isEmpty();
        for (String table : List.of("samples", "logs")) {
            List<Split> headSplits = store.splits(ScanRequest.of(TENANT, table, List.of("ts")));
            store.release(headSplits);
            assertThat(headSplits).as("head splits of %s", table).hasSizeGreaterThan(2);
        }
        runAll(cases, overHead);
        store.flush();
        assertThat(store.parts()).as("parts after the flush").isNotEmpty();
        // reopened, the store serves the parts its manifest lists; the flushed WAL adds nothing
        store.close();
        store = open(config);
        service = new SqlQueryService(store, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(queryAllocator, Clock.systemUTC(), new ExecutorConfig(1000, workers)), SqlConfig.DEFAULT);
        runAll(cases, overParts);
        oracle = DuckDbOracle.overStoreParts(directory, TENANT);
    }

    private ColumnStore open(StorageConfig config) {
        return ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT.withRowGroupRows(1000)), new ParquetPartReader(),
                new PrometheusRegistry(), storeAllocator);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (oracle != null) {
            oracle.close();
        }
        if (store != null) {
            store.close();
        }
        if (workers != null) {
            workers.close();
        }
        queryAllocator.close();
        storeAllocator.close();
        assertThat(root.getAllocatedMemory()).as("bytes left allocated").isZero();
        root.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> headAgreesWithDuckDbOverParts() throws Exception {
        return compare(overHead, "head");
    }

    @TestFactory
    Stream<DynamicTest> partsAgreeWithDuckDbOverParts() throws Exception {
        return compare(overParts, "parts");
    }

    @Test
    void exclusionsNameRealCases() throws Exception {
        List<String> names = DifferentialCases.load().stream().map(SqlCase::name).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(150).containsAll(EXCLUDED.keySet());
    }

    private Stream<DynamicTest> compare(Map<String, Outcome> outcomes, String where) throws Exception {
        return DifferentialCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name() + " over " + where, () -> {
            Assumptions.assumeFalse(EXCLUDED.containsKey(c.name()), () -> "excluded: " + EXCLUDED.get(c.name()));
            Outcome outcome = outcomes.get(c.name());
            if (outcome.failure() != null) {
                throw new AssertionError(c.name() + " failed over the " + where + "\n" + c.sql(), outcome.failure());
            }
            assertThat(outcome.leakedBytes()).as("bytes left allocated after %s over the %s", c.name(), where).isZero();
            List<List<Object>> expected = oracle.rows(c.duckSql());
            String difference = ResultComparison.difference(expected, outcome.rows(), c.isOrdered());
            assertThat(difference).as("%s over the %s\n%s", c.name(), where, c.sql()).isNull();
        }));
    }

    private void runAll(List<SqlCase> cases, Map<String, Outcome> outcomes) {
        for (SqlCase c : cases) {
            List<List<Object>> rows = null;
            RuntimeException failure = null;
            try (QueryResult result = service.execute(TENANT, c.sql(), QueryLimits.DEFAULT)) {
                rows = ResultComparison.normalizedRows(result);
            } catch (RuntimeException e) {
                failure = e;
            }
            outcomes.put(c.name(), new Outcome(rows, failure, queryAllocator.getAllocatedMemory()));
        }
    }

    /** Writes the generator's rows through the store's write API, as ingest would. */
    private void write(String tenant, TelemetryGenerator generator) {
        Map<Long, List<TelemetryRows.Sample>> bySeries = new LinkedHashMap<>();
        for (TelemetryRows.Sample sample : generator.samples()) {
            bySeries.computeIfAbsent(sample.seriesId(), id -> new ArrayList<>()).add(sample);
        }
        List<SeriesSamples> series = new ArrayList<>();
        for (List<TelemetryRows.Sample> samples : bySeries.values()) {
            TelemetryRows.Sample first = samples.get(0);
            Map<String, String> labels = new TreeMap<>(first.labels());
            labels.put(Labels.METRIC_NAME, first.metric());
            long[] timestamps = new long[samples.size()];
            double[] values = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                timestamps[i] = samples.get(i).tsMillis();
                values[i] = samples.get(i).value();
            }
            series.add(SeriesSamples.of(Labels.fromMap(labels), timestamps, values));
        }
        Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
        for (TelemetryRows.Series s : generator.series()) {
            MetricType type = s.metricType().equals("counter") ? MetricType.COUNTER : MetricType.GAUGE;
            metadata.putIfAbsent(s.metric(), new MetricMetadata(s.metric(), type, s.help(), s.unit()));
        }
        assertAccepted(store.writeSamples(tenant, new SampleBatch(series, List.copyOf(metadata.values()))));

        Map<Map<String, String>, List<LogEntry>> byStream = new LinkedHashMap<>();
        List<TelemetryRows.Log> logs = new ArrayList<>(generator.logs());
        logs.sort(Comparator.comparingLong(TelemetryRows.Log::tsNanos));
        for (TelemetryRows.Log log : logs) {
            byStream.computeIfAbsent(log.labels(), labels -> new ArrayList<>()).add(new LogEntry(log.tsNanos(), log.line(),
                    Labels.fromMap(log.metadata()), log.traceId(), log.spanId(), log.level()));
        }
        List<LogStream> streams = new ArrayList<>();
        for (Map.Entry<Map<String, String>, List<LogEntry>> stream : byStream.entrySet()) {
            streams.add(new LogStream(Labels.fromMap(stream.getKey()), stream.getValue()));
        }
        assertAccepted(store.writeLogs(tenant, new LogBatch(streams)));

        List<SpanRecord> spans = new ArrayList<>();
        for (TelemetryRows.Span span : generator.spans()) {
            Map<String, AttributeValue> attributes = new TreeMap<>();
            for (Map.Entry<String, String> attribute : span.attributes().entrySet()) {
                Long number = span.attributesInt().get(attribute.getKey());
                attributes.put(attribute.getKey(), number == null ? AttributeValue.ofString(attribute.getValue()) : AttributeValue.ofLong(number));
            }
            Map<String, AttributeValue> resource = new TreeMap<>();
            for (Map.Entry<String, String> attribute : span.resourceAttributes().entrySet()) {
                resource.put(attribute.getKey(), AttributeValue.ofString(attribute.getValue()));
            }
            spans.add(new SpanRecord(span.traceId(), span.spanId(), span.parentSpanId(), null, span.name(), span.kind(), span.serviceName(),
                    span.startNanos(), span.endNanos(), span.statusCode(), span.statusMessage(), attributes, resource, null, null,
                    List.of(), List.of()));
        }
        assertAccepted(store.writeSpans(tenant, new SpanBatch(spans)));
    }

    private static void assertAccepted(WriteResult result) {
        assertThat(result.rejectedRows()).as("rejected rows: %s", result.firstRejection()).isZero();
        assertThat(result.acceptedRows()).isPositive();
    }
}
