package dev.strata.bench;

import dev.strata.spi.model.Labels;
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
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The store's samples write path alone ({@link ColumnStore#writeSamples}: WAL encode, group
 * commit, head append), with peer-bench-like requests of 1,000 series x 10 samples against a
 * registry already holding every series. Reports samples per CPU-second of the whole process
 * (writer, WAL, GC and JIT threads) less the CPU the benchmark spends building the requests, so
 * the figure is comparable with peer-bench's server CPU.
 *
 * <p>Each request carries freshly built {@link Labels}, as a decoded remote_write request does, so
 * the store pays for hashing and comparing them. Usage:
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) dev.strata.bench.StoreWriteBenchmark [always|never] [iterations]}
 */
public final class StoreWriteBenchmark {
    private static final int SERIES = 5_000;
    private static final int SERIES_PER_REQUEST = 1_000;
    private static final int SAMPLES_PER_SERIES = 10;
    private static final int ROUNDS = 40; // rounds of every series per iteration: 2 M samples
    private static final long START_MILLIS = 1_795_392_000_000L;
    private static final long STEP_MILLIS = 10_000;

    private StoreWriteBenchmark() {}

    public static void main(String[] args) throws IOException {
        FsyncPolicy fsync = FsyncPolicy.parse(args.length > 0 ? args[0] : "never");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String[]> labelPairs = seriesLabels();
        Path dir = Files.createTempDirectory("store-write-");
        Clock clock = Clock.fixed(Instant.ofEpochMilli(START_MILLIS), ZoneOffset.UTC);
        StorageConfig config = StorageConfig.builder(dir).fsyncPolicy(fsync).clock(clock)
                .headMaxRows(1L << 40).headMaxBytes(1L << 40).headMaxAge(Duration.ofDays(365))
                .backgroundInterval(Duration.ofDays(1)).build();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (ColumnStore store = ColumnStore.open(config, new ParquetPartWriter(PartWriterConfig.DEFAULT),
                new ParquetPartReader(), new PrometheusRegistry())) {
            long tick = 0;
            // warm-up: registers every series and lets the JIT settle
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            runIteration(store, labelPairs, tick, threads);
            tick += (long) SAMPLES_PER_SERIES * ROUNDS;
            System.out.printf("fsync=%s, %d series, requests of %d series x %d samples%n", args.length > 0 ? args[0] : "never",
                    SERIES, SERIES_PER_REQUEST, SAMPLES_PER_SERIES);
            long totalSamples = 0;
            double totalCpu = 0;
            for (int it = 0; it < iterations; it++) {
                long samples = (long) SERIES * SAMPLES_PER_SERIES * ROUNDS;
                long cpuStart = os.getProcessCpuTime();
                long wallStart = System.nanoTime();
                long buildNanos = runIteration(store, labelPairs, tick, threads);
                tick += (long) SAMPLES_PER_SERIES * ROUNDS;
                double cpu = (os.getProcessCpuTime() - cpuStart - buildNanos) / 1e9;
                double wall = (System.nanoTime() - wallStart) / 1e9;
                totalSamples += samples;
                totalCpu += cpu;
                System.out.printf("iteration %d: %,d samples, %.2f process CPU-s (request building excluded), %.2f s wall"
                        + " -> %.2f M samples per CPU-second%n", it, samples, cpu, wall, samples / cpu / 1e6);
            }
            System.out.printf("RESULT fsync=%s: %,d samples in %.2f process CPU-s -> %.2f M samples per CPU-second%n",
                    args.length > 0 ? args[0] : "never", totalSamples, totalCpu, totalSamples / totalCpu / 1e6);
        }
finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * Writes every series {@link #ROUNDS} times, {@link #SAMPLES_PER_SERIES} later samples each
     * time; each request is built just before it is written (so it dies young, as a decoded request
     * does) and the CPU spent building it is returned, to be taken out of the figure.
     */
    private static long runIteration(ColumnStore store, List<String[]> labelPairs, long firstTick, ThreadMXBean threads) {
        long buildNanos = 0;
        long tick = firstTick;
        for (int round = 0; round < ROUNDS; round++) {
            for (int first = 0; first < SERIES; first += SERIES_PER_REQUEST) {
                long buildStart = threads.getCurrentThreadCpuTime();
                List<SeriesSamples> series = new ArrayList<>(SERIES_PER_REQUEST);
                for (int s = first; s < first + SERIES_PER_REQUEST; s++) {
                    long[] ts = new long[SAMPLES_PER_SERIES];
                    double[] values = new double[SAMPLES_PER_SERIES];
                    for (int j = 0; j < SAMPLES_PER_SERIES; j++) {
                        ts[j] = START_MILLIS + (tick + j) * STEP_MILLIS;
                        values[j] = (tick + j) * (s % 7 + 1);
                    }
                    series.add(SeriesSamples.of(Labels.of(labelPairs.get(s)), ts, values));
                }
                SampleBatch batch = new SampleBatch(series, List.of());
                buildNanos += threads.getCurrentThreadCpuTime() - buildStart;
                store.writeSamples("bench", batch);
            }
            tick += SAMPLES_PER_SERIES;
        }
        return buildNanos;
    }

    private static List<String[]> seriesLabels() {
        String[] jobs = {"api", "web", "auth", "billing", "search"};
        String[] methods = {"GET", "POST", "PUT", "DELETE"};
        String[] statuses = {"200", "201", "400", "404", "500"};
        List<String[]> all = new ArrayList<>(SERIES);
        for (int i = 0; all.size() < SERIES; i++) {
            String job = jobs[i % jobs.length];
            String instance = String.format("%s-%02d.prod.svc:8080", job, i / jobs.length % 10);
            all.add(new String[] {Labels.METRIC_NAME, "http_requests_total", "job", job, "instance", instance,
                    "method", methods[i / 50 % methods.length], "handler", "/api/v1/items",
                    "status", statuses[i / 200 % statuses.length], "shard", Integer.toString(i / 1000)});
        }
        return all;
    }
}
