package dev.strata.bench.promql;

import dev.strata.bench.PeerBenchSamples;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.plan.PromQlEngine;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.table.TelemetryTables;
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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The ten peer-bench dashboard queries (shared/tools/peer-bench's {@code query_set}) evaluated
 * in-process over {@link PeerBenchSamples} written through the store's write API the way
 * remote_write sends them (1000 series x 10 samples per batch) and flushed to parts. Prints per
 * query the median wall and thread-CPU time and the bytes the thread allocated in the warm runs, and
 * the result size with a checksum of every label set and value bit; run it under
 * {@code -XX:StartFlightRecording} to profile. The process CPU column adds what the query costs the
 * collector and the compiler (run it with the server's {@code ./strata java-flags}). {@code --threads N} (default 1) is {@code query.threads}:
 * the CPU columns then split into the querying thread's and the query pool's ({@code strata-query-*}).
 *
 * <p>usage: {@code PromQlQueryRun [--instances-per-job N] [--runs N] [--only Q1,Q8] [--work DIR] [--head] [--threads N]}
 */
public final class PromQlQueryRun {
    private static final String TENANT = "bench";
    private static final int SAMPLES = 720;
    private static final int SERIES_PER_WRITE = 1000;
    private static final int SAMPLES_PER_WRITE = 10;

    private record Query(String name, String promql, long startMs, long endMs, long stepMs) {}

    private PromQlQueryRun() {}

    public static void main(String[] args) throws IOException {
        int instancesPerJob = 20;
        int runs = 3;
        List<String> only = null;
        boolean head = false;
        Path work = Path.of(System.getProperty("java.io.tmpdir"));
        int threadCount = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--instances-per-job" -> instancesPerJob = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--only" -> only = List.of(args[++i].split(","));
                case "--work" -> work = Path.of(args[++i]);
                case "--head" -> head = true;
                case "--threads" -> threadCount = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        PeerBenchSamples data = new PeerBenchSamples(instancesPerJob, SAMPLES, 42);
        Path dir = Files.createTempDirectory(work, "promql-bench");
        try (QueryWorkerPool workers = QueryWorkerPool.create(threadCount);
                RootAllocator root = new RootAllocator();
                BufferAllocator storeAllocator = root.newChildAllocator("store", 0, Long.MAX_VALUE);
                ColumnStore store = open(dir, storeAllocator)) {
            long loadStart = System.nanoTime();
            load(store, data);
            if (!head) {
                store.flush();
            }
            System.out.printf("loaded %d series x %d samples in %.1f s; %d parts%n", data.seriesCount(), SAMPLES,
                    (System.nanoTime() - loadStart) / 1e9, store.parts().size());
            PromQlParser parser = new PromQlParser(ParserOptions.DEFAULT);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            com.sun.management.ThreadMXBean allocations = (com.sun.management.ThreadMXBean) threads;
            System.out.printf("query.threads=%d%n", threadCount);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            System.out.println("| query | wall ms | CPU ms | pool CPU ms | process CPU ms | GC ms | allocated MB | result series/points |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            for (Query query : queries()) {
                if (only != null && !only.contains(query.name().substring(0, query.name().indexOf(' ')))) {
                    continue;
                }
                double[] wall = new double[runs];
                double[] cpu = new double[runs];
                double[] allocated = new double[runs];
                double[] poolCpu = new double[runs];
                double[] processCpu = new double[runs];
                double[] gc = new double[runs];
                String size = "";
                for (int run = -1; run < runs; run++) {
                    long allocated0 = allocations.getCurrentThreadAllocatedBytes();
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    long pool0 = poolCpuNanos(threads);
                    long process0 = os.getProcessCpuTime();
                    long gc0 = gcMillis();
                    long wall0 = System.nanoTime();
                    size = switch (query.name().substring(0, 3)) {
                        case "Q9 " -> labelValues(store, parser);
                        case "Q10" -> seriesLookup(store, parser);
                        default -> evaluate(store, root, parser, query, workers);
                    };
                    if (run >= 0) {
                        wall[run] = (System.nanoTime() - wall0) / 1e6;
                        cpu[run] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6;
                        allocated[run] = (allocations.getCurrentThreadAllocatedBytes() - allocated0) / 1e6;
                        poolCpu[run] = (poolCpuNanos(threads) - pool0) / 1e6;
                        processCpu[run] = (os.getProcessCpuTime() - process0) / 1e6;
                        gc[run] = gcMillis() - gc0;
                    }
                }
                System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s |%n", query.name(), median(wall), median(cpu),
                        median(poolCpu), median(processCpu), median(gc), median(allocated), size);
            }
        } finally {
            delete(dir);
        }
    }

    /** Collection time so far, all collectors (elapsed; with the serial collector that is its CPU too). */
    private static long gcMillis() {
        long total = 0;
        for (java.lang.management.GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, bean.getCollectionTime());
        }
        return total;
    }

    /** CPU time of the query pool's threads so far. */
    private static long poolCpuNanos(ThreadMXBean threads) {
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("strata-query-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static String evaluate(ColumnStore store, RootAllocator root, PromQlParser parser, Query query, QueryWorkerPool workers) {
        try (BufferAllocator allocator = root.newChildAllocator("query", 0, Long.MAX_VALUE)) {
            PromQlEngine engine = new PromQlEngine(store, allocator, PromQlEngine.Settings.DEFAULT, workers);
            List<StepSeries> series = engine.evaluate(TENANT, parser.parse(query.promql()),
                    new EvalGrid(query.startMs(), query.endMs(), query.stepMs())).series();
            long points = 0;
            long checksum = 0;
            for (StepSeries s : series) {
                checksum = checksum * 31 + s.labels().hashCode();
                for (int i = 0; i < s.present().length; i++) {
                    if (s.present()[i]) {
                        points++;
                        checksum = checksum * 31 + i;
                        checksum = checksum * 31 + Double.doubleToRawLongBits(s.values()[i]);
                    }
                }
            }
            // the checksum covers labels, steps and every value's bits: equal before and after a change means identical results
            return series.size() + "/" + points + " #" + Long.toHexString(checksum);
        }
    }

    private static String labelValues(ColumnStore store, PromQlParser parser) {
        List<LabelMatcher> matchers = parser.parseMetricSelector("{job=\"api\"}");
        return store.labelValues(TENANT, TelemetryTables.SAMPLES, "instance", matchers, range()).size() + "/-";
    }

    private static String seriesLookup(ColumnStore store, PromQlParser parser) {
        List<LabelMatcher> matchers = parser.parseMetricSelector("http_requests_total{status=\"500\"}");
        return store.labelSets(TENANT, TelemetryTables.SAMPLES, matchers, range()).size() + "/-";
    }

    private static TimeRange range() {
        long end = PeerBenchSamples.START_MILLIS + (SAMPLES - 1) * PeerBenchSamples.INTERVAL_MILLIS;
        return new TimeRange(PeerBenchSamples.START_MILLIS * 1_000_000L, end * 1_000_000L);
    }

    private static List<Query> queries() {
        long start = PeerBenchSamples.START_MILLIS;
        long end = start + (SAMPLES - 1) * PeerBenchSamples.INTERVAL_MILLIS;
        long step = 15_000;
        long dayStart = end - 86_400_000L;
        return List.of(
                new Query("Q1 sum_rate_by_job", "sum by (job) (rate(http_requests_total[5m]))", start, end, step),
                new Query("Q2 regex_5xx_by_job_status", "sum by (job, status) (rate(http_requests_total{status=~\"5..\"}[5m]))", start,
                        end, step),
                new Query("Q3 histogram_p99_by_job",
                        "histogram_quantile(0.99, sum by (job, le) (rate(http_request_duration_seconds_bucket[5m])))", start, end, step),
                new Query("Q4 topk10_instances", "topk(10, sum by (instance) (rate(http_requests_total[5m])))", start, end, step),
                new Query("Q5 multi_regex_by_instance",
                        "sum by (instance) (rate(http_requests_total{job=~\"api|web\", method=~\"GET|POST\", handler!~\".*/users\"}[1m]))",
                        start, end, step),
                new Query("Q6 avg_latency_ratio", "sum by (job) (rate(http_request_duration_seconds_sum[5m]))"
                        + " / sum by (job) (rate(http_request_duration_seconds_count[5m]))", start, end, step),
                new Query("Q7 increase_1h_24h_step60", "sum by (job) (increase(http_requests_total[1h]))", dayStart, end, 60_000),
                new Query("Q8 raw_series_fetch", "http_requests_total{job=\"api\", instance=\"api-00.prod.svc:8080\"}", start, end, step),
                new Query("Q9 label_values_instance", "", start, end, step),
                new Query("Q10 series_lookup", "", start, end, step));
    }

    /** Like remote_write from peer-bench: per batch 1000 series with 10 samples each, time slice by time slice. */
    private static void load(ColumnStore store, PeerBenchSamples data) {
        double[][] values = new double[data.seriesCount()][];
        for (int s = 0; s < values.length; s++) {
            values[s] = data.values(s);
        }
        for (int t0 = 0; t0 < SAMPLES; t0 += SAMPLES_PER_WRITE) {
            int n = Math.min(SAMPLES_PER_WRITE, SAMPLES - t0);
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = PeerBenchSamples.START_MILLIS + (t0 + i) * PeerBenchSamples.INTERVAL_MILLIS;
            }
            for (int s0 = 0; s0 < values.length; s0 += SERIES_PER_WRITE) {
                List<SeriesSamples> batch = new ArrayList<>(SERIES_PER_WRITE);
                for (int s = s0; s < Math.min(values.length, s0 + SERIES_PER_WRITE); s++) {
                    batch.add(SeriesSamples.of(data.labels(s), ts.clone(), Arrays.copyOfRange(values[s], t0, t0 + n)));
                }
                store.writeSamples(TENANT, new SampleBatch(batch, List.of()));
            }
        }
    }

    private static ColumnStore open(Path dir, BufferAllocator allocator) {
        // a clock just after the data keeps every row inside retention; nothing seals in the background
        Clock clock = Clock.fixed(Instant.ofEpochMilli(PeerBenchSamples.START_MILLIS).plus(Duration.ofHours(3)), ZoneOffset.UTC);
        StorageConfig config = StorageConfig.builder(dir).clock(clock).fsyncPolicy(FsyncPolicy.NEVER)
                .backgroundInterval(Duration.ofDays(1)).build();
        return ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT), new ParquetPartReader(),
                new PrometheusRegistry(), allocator);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
