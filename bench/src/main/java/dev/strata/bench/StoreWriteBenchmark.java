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
 * (writer, WAL and GC threads), so the figure is comparable with peer-bench's server CPU.
 *
 * <p>Each request carries freshly built {@link Labels}, as a decoded remote_write request does, so
 * the store pays for hashing and comparing them. Usage:
 * {@code java -cp bench/target/classes:$(cat bench/target/cp.txt) dev.strata.bench.StoreWriteBenchmark [always|never] [iterations]}
 */
public final class StoreWriteBenchmark {
    private static final int SERIES = 5_000;
    private static final int SERIES_PER_REQUEST = 1_000;
    private static final int SAMPLES_PER_SERIES = 10;
    private static final int ROUNDS = 20; // rounds of every series per iteration: 1 M samples
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
            List<SampleBatch> batches = buildIteration(labelPairs, tick);
            tick += (long) SAMPLES_PER_SERIES * ROUNDS;
            write(store, batches);
            System.out.printf("fsync=%s, %d series, requests of %d series x %d samples%n", args.length > 0 ? args[0] : "never",
                    SERIES, SERIES_PER_REQUEST, SAMPLES_PER_SERIES);
            for (int it = 0; it < iterations; it++) {
                long samples = (long) SERIES * SAMPLES_PER_SERIES * ROUNDS;
                // requests are built before the clock starts: decoding is not the store's cost
                batches = buildIteration(labelPairs, tick);
                tick += (long) SAMPLES_PER_SERIES * ROUNDS;
                System.gc();
                long cpuStart = os.getProcessCpuTime();
                long wallStart = System.nanoTime();
                write(store, batches);
                double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
                double wall = (System.nanoTime() - wallStart) / 1e9;
                System.out.printf("iteration %d: %,d samples, %.2f process CPU-s, %.2f s wall -> %.2f M samples per CPU-second"
                        + " (%.2f M/s wall)%n", it, samples, cpu, wall, samples / cpu / 1e6, samples / wall / 1e6);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void write(ColumnStore store, List<SampleBatch> batches) {
        for (SampleBatch batch : batches) {
            store.writeSamples("bench", batch);
        }
    }

    /** Requests writing every series {@link #ROUNDS} times, {@link #SAMPLES_PER_SERIES} later samples each time. */
    private static List<SampleBatch> buildIteration(List<String[]> labelPairs, long firstTick) {
        List<SampleBatch> batches = new ArrayList<>();
        long tick = firstTick;
        for (int round = 0; round < ROUNDS; round++) {
            for (int first = 0; first < SERIES; first += SERIES_PER_REQUEST) {
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
                batches.add(new SampleBatch(series, List.of()));
            }
            tick += SAMPLES_PER_SERIES;
        }
        return batches;
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
