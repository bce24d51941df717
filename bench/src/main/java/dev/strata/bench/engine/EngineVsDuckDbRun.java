package dev.strata.bench.engine;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.exec.QueryExecutor;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.spi.model.Labels;
import dev.strata.sql.SqlConfig;
import dev.strata.sql.SqlFrontend;
import dev.strata.sql.SqlQueryService;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Strata's SQL engine against embedded DuckDB on the same data: samples and log lines go into a
 * {@link ColumnStore} through its write API, are flushed to Parquet parts, and a fixed set of
 * scan/filter/aggregate queries runs on both (Strata through {@link SqlQueryService} over the
 * store, DuckDB over the part files in place). Both answers are compared before anything is
 * timed; each query is then run twice to warm up and five times measured, Strata and DuckDB
 * alternately so that both see the same load, and the medians go
 * into a markdown table. A second store that is never flushed holds the same rows in its head, to
 * time the same Strata queries over memory.
 *
 * <p>{@code --threads N} (default 2, DuckDB's {@code SET threads}) is Strata's {@code query.threads}; the
 * table splits Strata's CPU into the querying thread's and the query pool's, to show the workers busy.
 *
 * <p>{@code --head-split-rows N} is the head store's {@code storage.scan.head-split-rows} (default the store's): a value
 * above the head's rows makes the head one split per generation, as before decision 0026.
 *
 * <p>usage: {@code EngineVsDuckDbRun [--series N] [--samples N] [--streams N] [--lines N] [--no-head] [--work DIR] [--only NAME_PREFIX] [--threads N] [--head-split-rows N]}
 */
public final class EngineVsDuckDbRun {
    private static final String TENANT = "bench";
    /** 2026-11-23T00:00:00Z. */
    private static final long START_MILLIS = 1_795_392_000_000L;
    private static final long INTERVAL_MILLIS = 10_000;
    private static final int CHUNK_SAMPLES = 500;
    private static final int BATCH_SERIES = 1000;
    private static final int LOG_CHUNK_LINES = 200;
    private static final long LOG_STEP_NANOS = 50_000_000L;
    private static final String[] METRICS = {"http_requests_total", "http_request_duration_seconds_sum", "process_cpu_seconds_total",
            "process_resident_memory_bytes", "go_goroutines"};
    private static final String[] JOBS = {"api", "web", "auth", "billing", "search", "cart", "mail", "db", "cache", "queue"};
    private static final String[] LEVELS = {"info", "info", "info", "info", "warn", "error", "debug"};
    private static final String[] MESSAGES = {"request served", "cache miss, loading from database", "upstream timeout after 30s",
            "connection pool exhausted, waiting", "retrying request", "user session refreshed"};
    private static final int WARMUPS = 2;
    private static final int RUNS = 5;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /** {@code only}: run just the queries whose name starts with it ("logs", "samples"); empty runs all. */
    private record Options(int series, int samplesPerSeries, int streams, int linesPerStream, boolean head, Path work, String only,
            int threads, int headSplitRows) {}

    /** One query in both dialects; DuckDB's text has {@code $S}, {@code $SERIES}, {@code $L} for the part readers. */
    private record BenchQuery(String name, String strata, String duck) {}

    /** Wall-clock medians, and medians of the process CPU time each run took (robust to a shared machine's load). */
    private record Timing(double strataMillis, double duckMillis, double headMillis, double strataCpuMillis, double duckCpuMillis,
            double callerCpuMillis, double poolCpuMillis) {}

    private EngineVsDuckDbRun() {}

    public static void main(String[] args) throws Exception {
        Options options = parse(args);
        long samples = (long) options.series() * options.samplesPerSeries();
        long lines = (long) options.streams() * options.linesPerStream();
        long endMillis = START_MILLIS + options.samplesPerSeries() * INTERVAL_MILLIS;
        List<BenchQuery> queries = new ArrayList<>();
        for (BenchQuery query : queries(endMillis, options.linesPerStream())) {
            if (query.name().startsWith(options.only())) {
                queries.add(query);
            }
        }
        Path parts = Files.createTempDirectory(options.work(), "engine-bench-parts");
        Path head = Files.createTempDirectory(options.work(), "engine-bench-head");
        try (RootAllocator root = new RootAllocator(); QueryWorkerPool workers = QueryWorkerPool.create(options.threads())) {
            double[] timingsHead = new double[queries.size()];
            Arrays.fill(timingsHead, Double.NaN);
            List<List<List<Object>>> headAnswers = new ArrayList<>();
            if (options.head()) {
                try (BufferAllocator storeAllocator = root.newChildAllocator("head-store", 0, Long.MAX_VALUE);
                        BufferAllocator queryAllocator = root.newChildAllocator("head-queries", 0, Long.MAX_VALUE);
                        ColumnStore store = open(head, storeAllocator, options.headSplitRows())) {
                    load(store, options);
                    SqlQueryService service = service(store, queryAllocator, workers);
                    for (int q = 0; q < queries.size(); q++) {
                        String sql = queries.get(q).strata();
                        headAnswers.add(strataRows(service, sql));
                        timingsHead[q] = median(() -> strataRows(service, sql));
                    }
                    System.err.printf("head: %d parts after loading%n", store.parts().size());
                }
            }
            List<Timing> timings = new ArrayList<>();
            try (BufferAllocator storeAllocator = root.newChildAllocator("store", 0, Long.MAX_VALUE);
                    BufferAllocator queryAllocator = root.newChildAllocator("queries", 0, Long.MAX_VALUE);
                    ColumnStore store = open(parts, storeAllocator, StorageConfig.DEFAULT_SCAN_HEAD_SPLIT_ROWS)) {
                long loadStart = System.nanoTime();
                load(store, options);
                store.flush();
                System.err.printf("loaded and flushed %d samples, %d lines in %.1f s; %d parts, %d MB%n", samples, lines,
                        (System.nanoTime() - loadStart) / 1e9, store.parts().size(), bytes(parts.resolve("parts")) >> 20);
                SqlQueryService service = service(store, queryAllocator, workers);
                try (Connection duck = duckdb()) {
                    for (int q = 0; q < queries.size(); q++) {
                        BenchQuery query = queries.get(q);
                        String duckSql = duckSql(query.duck(), parts);
                        List<List<Object>> strata = strataRows(service, query.strata());
                        List<List<Object>> expected = duckRows(duck, duckSql);
                        check(query.name() + " over parts", expected, strata);
                        if (options.head()) {
                            check(query.name() + " over the head", expected, headAnswers.get(q));
                        }
                        double[] medians = interleavedMedians(() -> strataRows(service, query.strata()), () -> duckRows(duck, duckSql));
                        double strataMillis = medians[0];
                        double duckMillis = medians[1];
                        double strataCpuMillis = medians[2];
                        double duckCpuMillis = medians[3];
                        timings.add(new Timing(strataMillis, duckMillis, timingsHead[q], strataCpuMillis, duckCpuMillis, medians[4], medians[5]));
                        System.err.printf("%s: strata %.1f ms, duckdb %.1f ms, head %.1f ms%n", query.name(), strataMillis, duckMillis,
                                timingsHead[q]);
                    }
                }
            }
            print(queries, timings, samples, lines, options);
        } finally {
            delete(parts);
            delete(head);
        }
    }

    private static List<BenchQuery> queries(long endMillis, int linesPerStream) {
        String from = timestamp(START_MILLIS + (endMillis - START_MILLIS) / 4);
        String to = timestamp(START_MILLIS + 3 * (endMillis - START_MILLIS) / 4);
        long logSpanMillis = linesPerStream * LOG_STEP_NANOS / 1_000_000;
        String logFrom = timestamp(START_MILLIS + logSpanMillis / 4);
        String logTo = timestamp(START_MILLIS + 3 * logSpanMillis / 4);
        return List.of(
                new BenchQuery("samples: count, sum over half the range",
                        "SELECT count(*), sum(\"value\") FROM samples WHERE ts >= TIMESTAMP '" + from + "' AND ts < TIMESTAMP '" + to + "'",
                        "SELECT count(*), sum(value) FROM $S WHERE tenant = 'bench' AND ts >= TIMESTAMPTZ '" + from
                                + "+00' AND ts < TIMESTAMPTZ '" + to + "+00'"),
                new BenchQuery("samples: count, avg, max by metric",
                        "SELECT metric, count(*), avg(\"value\"), max(\"value\") FROM samples GROUP BY metric",
                        "SELECT metric, count(*), avg(value), max(value) FROM $S WHERE tenant = 'bench' GROUP BY metric"),
                new BenchQuery("samples: sum by labels['job'] and hour, half the range",
                        "SELECT FLOOR(ts TO HOUR), labels['job'], sum(\"value\") FROM samples WHERE ts >= TIMESTAMP '" + from
                                + "' AND ts < TIMESTAMP '" + to + "' GROUP BY FLOOR(ts TO HOUR), labels['job']",
                        "SELECT epoch_ms(p.ts) // 3600000 * 3600000, s.labels['job'], sum(p.value) FROM $S p JOIN $SERIES s "
                                + "ON s.series_id = p.series_id WHERE p.tenant = 'bench' AND p.ts >= TIMESTAMPTZ '" + from
                                + "+00' AND p.ts < TIMESTAMPTZ '" + to + "+00' GROUP BY 1, 2"),
                new BenchQuery("samples: top 10 series by max value",
                        "SELECT series_id, max(\"value\") AS m FROM samples GROUP BY series_id ORDER BY m DESC, series_id LIMIT 10",
                        "SELECT series_id, max(value) AS m FROM $S WHERE tenant = 'bench' GROUP BY series_id ORDER BY m DESC, series_id LIMIT 10"),
                new BenchQuery("logs: count by level over half the range",
                        "SELECT level, count(*) FROM logs WHERE ts >= TIMESTAMP '" + logFrom + "' AND ts < TIMESTAMP '" + logTo
                                + "' GROUP BY level",
                        // DuckDB will not compare TIMESTAMPTZ_NS with a TIMESTAMPTZ literal; nanosecond integers instead
                        "SELECT level, count(*) FROM $L WHERE tenant = 'bench' AND epoch_ns(ts) >= " + nanos(logFrom)
                                + " AND epoch_ns(ts) < " + nanos(logTo) + " GROUP BY level"),
                new BenchQuery("logs: count of line LIKE '%timeout%'",
                        "SELECT count(*) FROM logs WHERE line LIKE '%timeout%'",
                        "SELECT count(*) FROM $L WHERE tenant = 'bench' AND line LIKE '%timeout%'"),
                new BenchQuery("logs: errors by labels['app']",
                        "SELECT labels['app'], count(*) FROM logs WHERE level = 'error' GROUP BY labels['app']",
                        "SELECT labels['app'], count(*) FROM $L WHERE tenant = 'bench' AND level = 'error' GROUP BY 1"));
    }

    private static String timestamp(long millis) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .format(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis / 1000 * 1000), ZoneOffset.UTC));
    }

    private static long nanos(String timestamp) {
        return LocalDateTime.parse(timestamp.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli() * 1_000_000L;
    }

    /** Samples go through the view of docs/format/samples.md, which joins the split value columns. */
    private static String duckSql(String template, Path dataDir) {
        String series = "(SELECT DISTINCT ON (series_id) series_id, labels FROM " + reader(dataDir, "series") + " WHERE tenant = 'bench')";
        return template.replace("$SERIES", series).replace("$S", "(SELECT * EXCLUDE (value, value_int, value_div), coalesce(value, value_int / value_div) AS value FROM "
                + reader(dataDir, "samples") + ")").replace("$L", reader(dataDir, "logs"));
    }

    private static String reader(Path dataDir, String table) {
        return "read_parquet('" + dataDir.resolve("parts").resolve(table) + "/**/*.parquet', hive_partitioning = true)";
    }

    private static ColumnStore open(Path dir, BufferAllocator allocator, int headSplitRows) {
        // a clock a day after the data keeps every row inside retention; nothing seals in the background,
        // and the head limits are out of reach so that the head store keeps every row in memory
        Clock clock = Clock.fixed(Instant.ofEpochMilli(START_MILLIS).plus(Duration.ofDays(1)), ZoneOffset.UTC);
        StorageConfig config = StorageConfig.builder(dir)
                .clock(clock)
                .fsyncPolicy(FsyncPolicy.NEVER)
                .backgroundInterval(Duration.ofDays(1))
                .headMaxRows(1L << 40)
                .headMaxBytes(1L << 40)
                .headMaxAge(Duration.ofDays(365))
                .scanHeadSplitRows(headSplitRows)
                .build();
        return ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT), new ParquetPartReader(),
                new PrometheusRegistry(), allocator);
    }

    private static SqlQueryService service(ColumnStore store, BufferAllocator allocator, QueryWorkerPool workers) {
        SqlQueryService service = new SqlQueryService(store, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, Clock.systemUTC(), ExecutorConfig.DEFAULT.withWorkers(workers)), SqlConfig.DEFAULT);
        service.warmUp();
        return service;
    }

    /** Samples in time chunks of {@value #CHUNK_SAMPLES} per series, {@value #BATCH_SERIES} series per write; then the log lines. */
    private static void load(ColumnStore store, Options options) {
        Labels[] labels = new Labels[options.series()];
        double[] level = new double[options.series()];
        Random random = new Random(42);
        for (int s = 0; s < labels.length; s++) {
            labels[s] = Labels.of("__name__", METRICS[s % METRICS.length], "instance", "host-" + (s / METRICS.length) + ":9100",
                    "job", JOBS[(s / METRICS.length) % JOBS.length]);
            level[s] = random.nextInt(1000);
        }
        for (int t0 = 0; t0 < options.samplesPerSeries(); t0 += CHUNK_SAMPLES) {
            int n = Math.min(CHUNK_SAMPLES, options.samplesPerSeries() - t0);
            for (int s0 = 0; s0 < labels.length; s0 += BATCH_SERIES) {
                List<SeriesSamples> batch = new ArrayList<>(BATCH_SERIES);
                for (int s = s0; s < Math.min(labels.length, s0 + BATCH_SERIES); s++) {
                    long[] ts = new long[n];
                    double[] values = new double[n];
                    for (int i = 0; i < n; i++) {
                        ts[i] = START_MILLIS + (t0 + i) * INTERVAL_MILLIS;
                        level[s] += random.nextInt(100) / 10.0; // counter-like, one decimal
                        values[i] = level[s];
                    }
                    batch.add(SeriesSamples.of(labels[s], ts, values));
                }
                store.writeSamples(TENANT, new SampleBatch(batch, List.of()));
            }
        }
        Labels[] streams = new Labels[options.streams()];
        long[] time = new long[options.streams()];
        for (int s = 0; s < streams.length; s++) {
            streams[s] = Labels.of("app", "app-" + (s % 10), "env", s % 3 == 0 ? "staging" : "prod", "pod", "pod-" + s);
            time[s] = START_MILLIS * 1_000_000L;
        }
        for (int l0 = 0; l0 < options.linesPerStream(); l0 += LOG_CHUNK_LINES) {
            int n = Math.min(LOG_CHUNK_LINES, options.linesPerStream() - l0);
            List<LogStream> batch = new ArrayList<>(streams.length);
            for (int s = 0; s < streams.length; s++) {
                List<LogEntry> entries = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    time[s] += LOG_STEP_NANOS - 1_000_000L + random.nextInt(2_000_000);
                    String lvl = LEVELS[random.nextInt(LEVELS.length)];
                    String line = "level=" + lvl + " method=GET path=/api/v1/items/" + random.nextInt(100_000) + " status="
                            + (200 + random.nextInt(4) * 100) + " duration=" + random.nextInt(3000) + "ms msg=\""
                            + MESSAGES[random.nextInt(MESSAGES.length)] + "\"";
                    entries.add(new LogEntry(time[s], line, Labels.EMPTY, null, null, lvl));
                }
                batch.add(new LogStream(streams[s], entries));
            }
            store.writeLogs(TENANT, new LogBatch(batch));
        }
    }

    private static List<List<Object>> strataRows(SqlQueryService service, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (QueryResult result = service.execute(TENANT, sql, QueryLimits.DEFAULT)) {
            for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
                for (int r = 0; r < batch.getRowCount(); r++) {
                    List<Object> row = new ArrayList<>();
                    for (FieldVector vector : batch.getFieldVectors()) {
                        row.add(normalize(vector.getObject(r)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static List<List<Object>> duckRows(Connection connection, String sql) {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    int type = meta.getColumnType(c);
                    row.add(normalize(type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE
                            ? result.getObject(c, LocalDateTime.class) : result.getObject(c)));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("duckdb failed: " + sql, e);
        }
        return rows;
    }

    /** Numbers as doubles, times as epoch milliseconds, anything else as its text. */
    private static Object normalize(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        if (value instanceof LocalDateTime time) {
            return (double) time.toInstant(ZoneOffset.UTC).toEpochMilli();
        }
        return value.toString();
    }

    private static void check(String what, List<List<Object>> expected, List<List<Object>> actual) {
        List<List<Object>> left = sorted(expected);
        List<List<Object>> right = sorted(actual);
        boolean same = left.size() == right.size();
        for (int r = 0; same && r < left.size(); r++) {
            List<Object> a = left.get(r);
            List<Object> b = right.get(r);
            same = a.size() == b.size();
            for (int c = 0; same && c < a.size(); c++) {
                Object x = a.get(c);
                Object y = b.get(c);
                if (x instanceof Double dx && y instanceof Double dy) {
                    same = Math.abs(dx - dy) <= 1e-9 * Math.max(1, Math.max(Math.abs(dx), Math.abs(dy)));
                } else {
                    same = x == null ? y == null : x.equals(y);
                }
            }
        }
        if (!same) {
            throw new IllegalStateException(what + ": answers differ\nduckdb: " + preview(left) + "\nstrata: " + preview(right));
        }
    }

    private static String preview(List<List<Object>> rows) {
        return rows.size() + " rows " + rows.subList(0, Math.min(5, rows.size()));
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(Object::toString));
        return copy;
    }

    private interface Run {
        Object run() throws Exception;
    }

    /**
     * Medians of both runs, measured alternately (a, b, a, b, ...) after the warm-ups, so that both
     * engines see the same share of a shared machine's load; the ratio is what the run reports.
     */
    private static double[] interleavedMedians(Run a, Run b) throws Exception {
        for (int i = 0; i < WARMUPS; i++) {
            a.run();
            b.run();
        }
        double[] millisA = new double[RUNS];
        double[] millisB = new double[RUNS];
        double[] cpuA = new double[RUNS];
        double[] cpuB = new double[RUNS];
        double[] callerA = new double[RUNS];
        double[] poolA = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long cpu = processCpuNanos();
            long caller = THREADS.getCurrentThreadCpuTime();
            long pool = poolCpuNanos();
            long start = System.nanoTime();
            a.run();
            millisA[i] = (System.nanoTime() - start) / 1e6;
            cpuA[i] = (processCpuNanos() - cpu) / 1e6;
            callerA[i] = (THREADS.getCurrentThreadCpuTime() - caller) / 1e6;
            poolA[i] = (poolCpuNanos() - pool) / 1e6;
            cpu = processCpuNanos();
            start = System.nanoTime();
            b.run();
            millisB[i] = (System.nanoTime() - start) / 1e6;
            cpuB[i] = (processCpuNanos() - cpu) / 1e6;
        }
        Arrays.sort(millisA);
        Arrays.sort(millisB);
        Arrays.sort(cpuA);
        Arrays.sort(cpuB);
        Arrays.sort(callerA);
        Arrays.sort(poolA);
        return new double[] {millisA[RUNS / 2], millisB[RUNS / 2], cpuA[RUNS / 2], cpuB[RUNS / 2], callerA[RUNS / 2], poolA[RUNS / 2]};
    }

    /** CPU time of the query pool's threads ({@code strata-query-*}) so far. */
    private static long poolCpuNanos() {
        long total = 0;
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("strata-query-")) {
                long nanos = THREADS.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, nanos);
            }
        }
        return total;
    }

    /** CPU time of the whole process (every thread, DuckDB's native ones included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double median(Run run) throws Exception {
        for (int i = 0; i < WARMUPS; i++) {
            run.run();
        }
        double[] millis = new double[RUNS];
        double[] cpu = new double[RUNS];
        double[] caller = new double[RUNS];
        double[] pool = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long cpu0 = processCpuNanos();
            long caller0 = THREADS.getCurrentThreadCpuTime();
            long pool0 = poolCpuNanos();
            long start = System.nanoTime();
            run.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
            cpu[i] = (processCpuNanos() - cpu0) / 1e6;
            caller[i] = (THREADS.getCurrentThreadCpuTime() - caller0) / 1e6;
            pool[i] = (poolCpuNanos() - pool0) / 1e6;
        }
        Arrays.sort(millis);
        Arrays.sort(cpu);
        Arrays.sort(caller);
        Arrays.sort(pool);
        // the table has no column for it; the head's queries run in the table's order. Query-thread
        // CPU (caller / pool, as for the parts) leaves out GC and JIT threads, steadier on a loaded machine
        System.err.printf("head query: median %.1f ms, process CPU %.1f ms, query threads CPU caller / pool %.0f / %.0f ms%n",
                millis[RUNS / 2], cpu[RUNS / 2], caller[RUNS / 2], pool[RUNS / 2]);
        return millis[RUNS / 2];
    }

    private static Connection duckdb() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=2");
            statement.execute("SET memory_limit='2GB'");
            statement.execute("SET autoinstall_known_extensions=false");
            statement.execute("SET autoload_known_extensions=false");
            statement.execute("SET TimeZone='UTC'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void print(List<BenchQuery> queries, List<Timing> timings, long samples, long lines, Options options) {
        System.out.printf("%d samples (%d series x %d), %d log lines (%d streams x %d); Strata query.threads=%d; medians of %d after %d warm-ups%n%n",
                samples, options.series(), options.samplesPerSeries(), lines, options.streams(), options.linesPerStream(), options.threads(), RUNS,
                WARMUPS);
        System.out.println("| query | Strata parts (ms) | DuckDB (ms) | ratio | ≤ 1.5× | Strata CPU (ms) | DuckDB CPU (ms) | CPU ratio "
                + "| Strata CPU: caller / pool (ms) | Strata head (ms) | head ≤ parts |");
        System.out.println("|---|---:|---:|---:|:---:|---:|---:|---:|---:|---:|:---:|");
        for (int q = 0; q < queries.size(); q++) {
            Timing t = timings.get(q);
            double ratio = t.strataMillis() / t.duckMillis();
            boolean headKnown = !Double.isNaN(t.headMillis());
            System.out.printf("| %s | %.1f | %.1f | %.2f | %s | %.1f | %.1f | %.2f | %.0f / %.0f | %s | %s |%n", queries.get(q).name(),
                    t.strataMillis(), t.duckMillis(), ratio, ratio <= 1.5 ? "yes" : "no", t.strataCpuMillis(), t.duckCpuMillis(),
                    t.strataCpuMillis() / t.duckCpuMillis(), t.callerCpuMillis(), t.poolCpuMillis(), headKnown ? String.format("%.1f", t.headMillis()) : "-",
                    headKnown ? (t.headMillis() <= t.strataMillis() ? "yes" : "no") : "-");
        }
    }

    private static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Options parse(String[] args) {
        int series = 10_000;
        int samples = 5_000;
        int streams = 300;
        int lines = 34_000;
        boolean head = true;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        String only = "";
        int threads = 2;
        int headSplitRows = StorageConfig.DEFAULT_SCAN_HEAD_SPLIT_ROWS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--series" -> series = Integer.parseInt(args[++i]);
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--no-head" -> head = false;
                case "--work" -> work = Path.of(args[++i]);
                case "--only" -> only = args[++i];
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--head-split-rows" -> headSplitRows = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        return new Options(series, samples, streams, lines, head, work, only, threads, headSplitRows);
    }
}
