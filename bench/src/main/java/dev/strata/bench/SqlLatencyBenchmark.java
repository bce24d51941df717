package dev.strata.bench;

import dev.strata.engine.exec.ExecutorConfig;
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
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The fixed cost of one SQL query on a dashboard-sized selection: a small store (200 series x 120
 * samples, half sealed into a part, half in the head) queried through {@link SqlQueryService} as
 * the server does. What varies is what the query pays besides its rows:
 * <ul>
 *   <li>{@code coldFirstQuery}: the first query of a fresh JVM (class loading, Calcite
 *       initialisation, planning), measured once per fork ({@code -bm ss});</li>
 *   <li>{@code newTextColumnar}: a SQL text never seen before (a new literal each call), planned
 *       into the columnar operators, after {@link SqlQueryService#warmUp()};</li>
 *   <li>{@code newTextFallback}: the same for a window function, which runs through Calcite's
 *       enumerable convention and generates code;</li>
 *   <li>{@code repeatedText}: the same text again (plan cache hit: only execution).</li>
 * </ul>
 *
 * <p>Run (cold query over 5 forks, then the warm ones):
 * {@code java -cp <bench jar + deps> org.openjdk.jmh.Main 'SqlLatencyBenchmark.coldFirstQuery' -bm ss -f 5 -wi 0 -i 1
 * -jvmArgsAppend --add-opens=java.base/java.nio=ALL-UNNAMED} and
 * {@code ... org.openjdk.jmh.Main 'SqlLatencyBenchmark.(newText|repeated)' -bm avgt -f 1 -wi 3 -i 5 ...}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SqlLatencyBenchmark {
    private static final String TENANT = "bench";
    private static final long START_MILLIS = 1_795_495_270_000L;
    private static final int SERIES = 200;
    private static final int SAMPLES = 120;
    private static final String[] METRICS = {"cpu_usage", "memory_bytes", "http_requests_total", "up"};
    private static final String[] JOBS = {"api", "web", "db", "cache"};

    private Path dir;
    private BufferAllocator allocator;
    private ColumnStore store;
    private SqlQueryService service;
    private long literal;

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("strata-sql-latency");
        allocator = new RootAllocator();
        // a clock a day after the data keeps it inside retention; nothing seals in the background
        Clock clock = Clock.fixed(Instant.ofEpochMilli(START_MILLIS).plus(Duration.ofDays(1)), ZoneOffset.UTC);
        StorageConfig config = StorageConfig.builder(dir).clock(clock).fsyncPolicy(FsyncPolicy.NEVER)
                .backgroundInterval(Duration.ofDays(1)).build();
        store = ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT), new ParquetPartReader(),
                new PrometheusRegistry(), allocator);
        write(0, SAMPLES / 2);
        store.flush();
        write(SAMPLES / 2, SAMPLES);
        service = new SqlQueryService(store, new SqlFrontend(), new QueryPlanner(),
                new QueryExecutor(allocator, Clock.systemUTC(), ExecutorConfig.DEFAULT), SqlConfig.DEFAULT);
    }

    /** Warm queries are measured after the server's own warm-up; the cold one must not be. */
    @State(Scope.Benchmark)
    public static class WarmedUp {
        @Setup(Level.Trial)
        public void warmUp(SqlLatencyBenchmark benchmark) {
            benchmark.service.warmUp();
        }
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        store.close();
        allocator.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Benchmark
    public long coldFirstQuery() {
        return rows("SELECT metric, count(*) FROM samples WHERE labels['job'] = 'api' GROUP BY metric");
    }

    @Benchmark
    public long newTextColumnar(WarmedUp warmedUp) {
        literal++;
        return rows("SELECT labels['instance'], sum(\"value\") FROM samples WHERE metric = 'cpu_usage' AND \"value\" > " + literal
                + " GROUP BY labels['instance']");
    }

    @Benchmark
    public long newTextFallback(WarmedUp warmedUp) {
        literal++;
        return rows("SELECT metric, rank() OVER (PARTITION BY metric ORDER BY \"value\") FROM samples WHERE \"value\" > " + literal);
    }

    @Benchmark
    public long repeatedText(WarmedUp warmedUp) {
        return rows("SELECT labels['instance'], sum(\"value\") FROM samples WHERE metric = 'cpu_usage' AND \"value\" > 0"
                + " GROUP BY labels['instance']");
    }

    private long rows(String sql) {
        long rows = 0;
        try (QueryResult result = service.execute(TENANT, sql, QueryLimits.DEFAULT)) {
            for (VectorSchemaRoot batch = result.next(); batch != null; batch = result.next()) {
                rows += batch.getRowCount();
            }
        }
        return rows;
    }

    private void write(int fromSample, int toSample) {
        List<SeriesSamples> batch = new ArrayList<>(SERIES);
        for (int s = 0; s < SERIES; s++) {
            Labels labels = Labels.of("__name__", METRICS[s % METRICS.length], "instance", "host-" + s / METRICS.length + ":9100",
                    "job", JOBS[s / METRICS.length % JOBS.length]);
            long[] ts = new long[toSample - fromSample];
            double[] values = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = START_MILLIS + (fromSample + i) * 15_000L;
                values[i] = (s * 31 + fromSample + i) % 1000;
            }
            batch.add(SeriesSamples.of(labels, ts, values));
        }
        store.writeSamples(TENANT, new SampleBatch(batch, List.of()));
    }
}
