package dev.strata.tests.promql;

import static java.util.Objects.requireNonNull;

import dev.strata.tests.wire.RemoteWriteEncoder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Series shaped like the PromLabs demo service the compliance tester scrapes (the metric and
 * label names its queries use), with seeded random values: gauges (random walks, constants, a
 * once-a-minute timestamp gauge), counters with one process restart, a classic histogram, and
 * {@code demo_intermittent_metric}, present in even minutes only and ended by a staleness marker
 * the way Prometheus ends a series that leaves a scrape.
 *
 * <p>Samples are {@code interval} apart starting at {@code startMs}; callers choose a start that
 * puts no sample on a query step or window edge, where Prometheus 2.x (closed windows) and 3.x
 * (left-open windows) disagree.
 */
final class DemoDataSet {
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    static final List<String> INSTANCES = List.of("demo.promlabs.com:10000", "demo.promlabs.com:10001", "demo.promlabs.com:10002");
    private static final String JOB = "demo";
    private static final int BUCKETS = 25;
    private static final String[][] ENDPOINTS = {
        {"GET", "/api/foo", "200"}, {"GET", "/api/foo", "500"}, {"POST", "/api/bar", "200"}, {"GET", "/api/bar", "200"}};
    /** The instance whose process "restarts" (counters start again from zero) half-way through. */
    private static final int RESTARTING_INSTANCE = 1;

    /** One series: sorted labels including {@code __name__}, and its samples in time order. */
    record Series(Map<String, String> labels, long[] timestampsMs, double[] values) {
        Series {
            labels = new TreeMap<>(requireNonNull(labels, "labels is null"));
            requireNonNull(timestampsMs, "timestampsMs is null");
            requireNonNull(values, "values is null");
        }
    }

    private final long startMs;
    private final long intervalMs;
    private final int samples;
    private final Map<Map<String, String>, SeriesBuilder> series = new LinkedHashMap<>();

    private DemoDataSet(long startMs, long intervalMs, int samples) {
        this.startMs = startMs;
        this.intervalMs = intervalMs;
        this.samples = samples;
    }

    /** {@code samples} samples per series every {@code intervalMs} from {@code startMs}, values from {@code seed}. */
    static List<Series> generate(long startMs, long intervalMs, int samples, long seed) {
        DemoDataSet data = new DemoDataSet(startMs, intervalMs, samples);
        SplittableRandom random = new SplittableRandom(seed);
        for (int instance = 0; instance < INSTANCES.size(); instance++) {
            data.instance(instance, random.split());
        }
        List<Series> out = new ArrayList<>();
        for (SeriesBuilder builder : data.series.values()) {
            out.add(builder.build());
        }
        return out;
    }

    /**
     * Remote-write bodies holding every series' samples with timestamps in consecutive
     * {@code sliceMs} slices, in time order: a receiver's head sees time move forward as it would
     * from a scraping Prometheus (Prometheus refuses samples far behind its newest one).
     */
    static List<byte[]> remoteWriteBodies(List<Series> series, long sliceMs) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Series one : series) {
            first = Math.min(first, one.timestampsMs()[0]);
            last = Math.max(last, one.timestampsMs()[one.timestampsMs().length - 1]);
        }
        List<byte[]> bodies = new ArrayList<>();
        for (long from = first; from <= last; from += sliceMs) {
            List<RemoteWriteEncoder.Series> slice = new ArrayList<>();
            for (Series one : series) {
                List<RemoteWriteEncoder.Sample> samples = new ArrayList<>();
                for (int i = 0; i < one.timestampsMs().length; i++) {
                    long ts = one.timestampsMs()[i];
                    if (ts >= from && ts < from + sliceMs) {
                        samples.add(new RemoteWriteEncoder.Sample(ts, one.values()[i]));
                    }
                }
                if (!samples.isEmpty()) {
                    slice.add(new RemoteWriteEncoder.Series(one.labels(), samples));
                }
            }
            bodies.add(RemoteWriteEncoder.body(slice, List.of()));
        }
        return bodies;
    }

    private void instance(int index, SplittableRandom random) {
        Map<String, String> base = Map.of("job", JOB, "instance", INSTANCES.get(index));
        double[] memory = {1.2e9, 2.5e9, 1.6e8};
        String[] memoryTypes = {"used", "cached", "buffers"};
        double[] cpu = new double[3];
        String[] modes = {"user", "system", "idle"};
        double[] cpuShare = {0.3, 0.2, 0.5};
        double disk = 1.6e10 + index * 1e9;
        double lastSuccess = startMs / 1000.0 - 30;
        double lastRun = lastSuccess;
        long[][] buckets = new long[ENDPOINTS.length][BUCKETS + 1];
        double[] latencySum = new double[ENDPOINTS.length];
        double[] upperBounds = new double[BUCKETS];
        for (int b = 0; b < BUCKETS; b++) {
            upperBounds[b] = 0.0001 * Math.pow(1.5, b);
        }
        int restartAt = samples / 2;

        for (int i = 0; i < samples; i++) {
            long ts = startMs + i * intervalMs;
            long sinceStartMs = ts - startMs;
            if (index == RESTARTING_INSTANCE && i == restartAt) {
                Arrays.fill(cpu, 0);
                for (long[] counts : buckets) {
                    Arrays.fill(counts, 0);
                }
                Arrays.fill(latencySum, 0);
            }
            put(with(base, "__name__", "up"), ts, 1);
            put(with(base, "__name__", "demo_num_cpus"), ts, 4);
            double used = 0;
            for (int m = 0; m < memory.length; m++) {
                memory[m] = Math.max(1e7, memory[m] + Math.rint(random.nextDouble(-3e7, 3e7)));
                used += memory[m];
                put(with(with(base, "__name__", "demo_memory_usage_bytes"), "type", memoryTypes[m]), ts, memory[m]);
            }
            put(with(with(base, "__name__", "demo_memory_usage_bytes"), "type", "free"), ts, 8.0 * (1L << 30) - used);
            for (int m = 0; m < modes.length; m++) {
                double seconds = 4 * intervalMs / 1000.0 * Math.max(0, cpuShare[m] + random.nextDouble(-0.1, 0.1));
                cpu[m] = Math.rint((cpu[m] + seconds) * 1000) / 1000;
                put(with(with(base, "__name__", "demo_cpu_usage_seconds_total"), "mode", modes[m]), ts, cpu[m]);
            }
            disk += Math.rint(5e5 * intervalMs / 1000.0 * random.nextDouble(0.5, 1.5));
            put(with(base, "__name__", "demo_disk_usage_bytes"), ts, disk);
            put(with(base, "__name__", "demo_disk_total_bytes"), ts, 1.6e11);
            // a batch job runs once a minute and fails a quarter of the time
            if (i > 0 && sinceStartMs / 60_000 != (sinceStartMs - intervalMs) / 60_000) {
                lastRun = Math.floor(ts / 1000.0) - 1;
                if (random.nextDouble() > 0.25) {
                    lastSuccess = lastRun;
                }
            }
            put(with(base, "__name__", "demo_batch_last_run_timestamp_seconds"), ts, lastRun);
            put(with(base, "__name__", "demo_batch_last_success_timestamp_seconds"), ts, lastSuccess);
            put(with(base, "__name__", "demo_api_http_requests_in_progress"), ts, random.nextInt(4));
            Map<String, String> intermittent = with(base, "__name__", "demo_intermittent_metric");
            if ((sinceStartMs / 60_000) % 2 == 0) {
                put(intermittent, ts, 1);
            } else if (series.containsKey(intermittent) && series.get(intermittent).lastIsLive()) {
                put(intermittent, ts, Double.longBitsToDouble(STALE_NAN_BITS));
            }
            for (int e = 0; e < ENDPOINTS.length; e++) {
                int requests = random.nextInt(7 + index);
                for (int r = 0; r < requests; r++) {
                    double latency = Math.exp(Math.log("200".equals(ENDPOINTS[e][2]) ? 0.02 : 0.06) + 0.6 * gaussian(random));
                    latencySum[e] += latency;
                    for (int b = 0; b < BUCKETS; b++) {
                        if (latency <= upperBounds[b]) {
                            buckets[e][b]++;
                        }
                    }
                    buckets[e][BUCKETS]++;
                }
                Map<String, String> endpoint = with(with(with(base, "method", ENDPOINTS[e][0]), "path", ENDPOINTS[e][1]), "status", ENDPOINTS[e][2]);
                for (int b = 0; b <= BUCKETS; b++) {
                    String le = b == BUCKETS ? "+Inf" : goFloat(upperBounds[b]);
                    put(with(with(endpoint, "__name__", "demo_api_request_duration_seconds_bucket"), "le", le), ts, buckets[e][b]);
                }
                put(with(endpoint, "__name__", "demo_api_request_duration_seconds_count"), ts, buckets[e][BUCKETS]);
                put(with(endpoint, "__name__", "demo_api_request_duration_seconds_sum"), ts, Math.rint(latencySum[e] * 1e6) / 1e6);
            }
        }
    }

    /** A standard normal deviate (Box-Muller), so the data depend on the seed only. */
    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /** Go's shortest float formatting for the {@code le} values a client library would expose. */
    private static String goFloat(double value) {
        String text = Double.toString(value);
        if (text.contains("E")) {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        }
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> out = new TreeMap<>(labels);
        out.put(name, value);
        return out;
    }

    private void put(Map<String, String> labels, long ts, double value) {
        series.computeIfAbsent(labels, l -> new SeriesBuilder(l, samples)).add(ts, value);
    }

    /** Growable sample arrays of one series. */
    private static final class SeriesBuilder {
        private final Map<String, String> labels;
        private long[] timestamps;
        private double[] values;
        private int size;

        SeriesBuilder(Map<String, String> labels, int capacity) {
            this.labels = labels;
            this.timestamps = new long[capacity];
            this.values = new double[capacity];
        }

        void add(long ts, double value) {
            timestamps[size] = ts;
            values[size] = value;
            size++;
        }

        boolean lastIsLive() {
            return size > 0 && Double.doubleToRawLongBits(values[size - 1]) != STALE_NAN_BITS;
        }

        Series build() {
            return new Series(labels, Arrays.copyOf(timestamps, size), Arrays.copyOf(values, size));
        }
    }
}
