package dev.strata.bench;

import dev.strata.spi.model.Labels;
import dev.strata.storage.part.StoredSchemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The samples of shared/tools/peer-bench's dataset, generated in Java: 5 jobs x N instances x 100
 * series (40 {@code http_requests_total}, 48 histogram buckets, 4 sums, 4 counts, 4 process
 * series), 720 samples at 10 s, with the same value model (integer counters from per-instance
 * request rates, cumulative log-normal buckets, 6-decimal sums, noisy gauges). The random stream
 * differs from the Python generator, the distributions do not.
 */
public final class PeerBenchSamples {
    public static final long START_MILLIS = 1_795_392_000_000L; // 2026-11-23T00:00:00Z
    public static final long INTERVAL_MILLIS = 10_000;
    private static final String[] JOBS = {"api", "web", "auth", "billing", "search"};
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final double[] METHOD_SHARE = {0.70, 0.20, 0.07, 0.03};
    private static final String[] HANDLERS = {"/api/v1/items", "/api/v1/users"};
    private static final double[] HANDLER_SHARE = {0.75, 0.25};
    private static final String[] STATUSES = {"200", "201", "400", "404", "500"};
    private static final double[] STATUS_SHARE = {0.90, 0.05, 0.025, 0.02, 0.005};
    private static final double[] LE = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0};
    private static final double SIGMA = 0.9;

    private final List<Series> series;
    private final int samplesPerSeries;
    private final double[][] values;

    private record Series(String metric, Labels labels, long id, String kind, int im, int handler, int status, int bucket) {}

    /** Counter-like series kinds (integer counters and cumulative buckets). */
    public static final java.util.Set<String> COUNTERS = java.util.Set.of("req", "bucket", "count");
    /** Gauge-like series kinds (6-decimal sums, byte and cpu gauges, goroutines, up). */
    public static final java.util.Set<String> GAUGES = java.util.Set.of("sum", "rss", "cpu", "goroutines", "up");

    public PeerBenchSamples(int instancesPerJob, int samplesPerSeries, long seed) {
        this(instancesPerJob, samplesPerSeries, seed, null);
    }

    /** Only the series whose kind is in {@code kinds} (null: all), to measure counters and gauges apart. */
    public PeerBenchSamples(int instancesPerJob, int samplesPerSeries, long seed, java.util.Set<String> kinds) {
        this.samplesPerSeries = samplesPerSeries;
        List<Series> all = new ArrayList<>();
        int instance = 0;
        for (String job : JOBS) {
            for (int i = 0; i < instancesPerJob; i++, instance++) {
                String inst = String.format("%s-%02d.prod.svc:8080", job, i);
                for (int m = 0; m < METHODS.length; m++) {
                    int im = instance * METHODS.length + m;
                    for (int h = 0; h < HANDLERS.length; h++) {
                        for (int s = 0; s < STATUSES.length; s++) {
                            all.add(series("http_requests_total", "req", im, h, s, -1, "job", job, "instance", inst,
                                    "method", METHODS[m], "handler", HANDLERS[h], "status", STATUSES[s]));
                        }
                    }
                    for (int b = 0; b <= LE.length; b++) {
                        String le = b == LE.length ? "+Inf" : trim(LE[b]);
                        all.add(series("http_request_duration_seconds_bucket", "bucket", im, -1, -1, b, "job", job,
                                "instance", inst, "method", METHODS[m], "le", le));
                    }
                    all.add(series("http_request_duration_seconds_sum", "sum", im, -1, -1, -1, "job", job, "instance", inst,
                            "method", METHODS[m]));
                    all.add(series("http_request_duration_seconds_count", "count", im, -1, -1, -1, "job", job, "instance",
                            inst, "method", METHODS[m]));
                }
                for (String[] process : new String[][] {{"process_resident_memory_bytes", "rss"},
                        {"process_cpu_seconds_total", "cpu"}, {"go_goroutines", "goroutines"}, {"up", "up"}}) {
                    all.add(series(process[0], process[1], -1, -1, -1, -1, "job", job, "instance", inst));
                }
            }
        }
        double[][] simulated = simulate(all, instance * METHODS.length, samplesPerSeries, new Random(seed));
        if (kinds != null) {
            List<Series> kept = new ArrayList<>();
            List<double[]> keptValues = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (kinds.contains(all.get(i).kind())) {
                    kept.add(all.get(i));
                    keptValues.add(simulated[i]);
                }
            }
            all = kept;
            simulated = keptValues.toArray(new double[0][]);
        }
        values = simulated;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            order.add(i);
        }
        List<Series> unsorted = all;
        // stored order: metric, then series id
        order.sort(Comparator.<Integer, String>comparing(i -> unsorted.get(i).metric()).thenComparingLong(i -> unsorted.get(i).id()));
        List<Series> sorted = new ArrayList<>();
        double[][] sortedValues = new double[all.size()][];
        for (int i = 0; i < order.size(); i++) {
            sorted.add(unsorted.get(order.get(i)));
            sortedValues[i] = values[order.get(i)];
        }
        this.series = sorted;
        System.arraycopy(sortedValues, 0, values, 0, sortedValues.length);
    }

    public long rowCount() {
        return (long) series.size() * samplesPerSeries;
    }

    public int seriesCount() {
        return series.size();
    }

    /** The label set of the {@code index}-th series in stored order. */
    public Labels labels(int index) {
        return series.get(index).labels();
    }

    /** The values of the {@code index}-th series in stored order, one per {@link #INTERVAL_MILLIS} from {@link #START_MILLIS}. */
    public double[] values(int index) {
        return values[index].clone();
    }

    /** Batches of the stored schema in stored order; one reused root, valid until the next call. */
    public Iterator<VectorSchemaRoot> batches(BufferAllocator allocator, int batchRows, VectorSchemaRoot[] rootHolder) {
        VectorSchemaRoot root = VectorSchemaRoot.create(StoredSchemas.SAMPLES, allocator);
        rootHolder[0] = root;
        return new Iterator<>() {
            private long row;

            @Override
            public boolean hasNext() {
                return row < rowCount();
            }

            @Override
            public VectorSchemaRoot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                root.clear();
                root.allocateNew();
                BigIntVector ids = (BigIntVector) root.getVector("series_id");
                VarCharVector metrics = (VarCharVector) root.getVector("metric");
                TimeStampMilliTZVector ts = (TimeStampMilliTZVector) root.getVector("ts");
                Float8Vector value = (Float8Vector) root.getVector("value");
                int n = (int) Math.min(batchRows, rowCount() - row);
                for (int i = 0; i < n; i++, row++) {
                    int s = (int) (row / samplesPerSeries);
                    int t = (int) (row % samplesPerSeries);
                    Series sr = series.get(s);
                    ids.setSafe(i, sr.id());
                    metrics.setSafe(i, sr.metric().getBytes(StandardCharsets.UTF_8));
                    ts.setSafe(i, START_MILLIS + t * INTERVAL_MILLIS);
                    value.setSafe(i, values[s][t]);
                }
                root.setRowCount(n);
                return root;
            }
        };
    }

    private static Series series(String metric, String kind, int im, int handler, int status, int bucket, String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "__name__";
        all[1] = metric;
        System.arraycopy(labels, 0, all, 2, labels.length);
        Labels set = Labels.of(all);
        return new Series(metric, set, set.stableHash(), kind, im, handler, status, bucket);
    }

    private static String trim(double le) {
        String s = Double.toString(le);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static double[][] simulate(List<Series> all, int imCount, int steps, Random r) {
        double[] rps = new double[imCount];
        double[] mu = new double[imCount];
        double[] startCount = new double[imCount];
        for (int k = 0; k < imCount; k++) {
            rps[k] = uniform(r, 5, 60) * METHOD_SHARE[k % METHODS.length];
            mu[k] = Math.log(uniform(r, 0.02, 0.3));
            startCount[k] = 1_000_000 + r.nextInt(49_000_000);
        }
        double[] state = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            Series s = all.get(i);
            switch (s.kind()) {
                case "rss" -> state[i] = (150 + r.nextInt(750)) * 1024.0 * 1024.0;
                case "goroutines" -> state[i] = 40 + r.nextInt(360);
                case "up" -> state[i] = 1.0;
                case "req" -> state[i] = r.nextInt(10_000_000);
                case "count" -> state[i] = startCount[s.im()];
                case "bucket" -> state[i] = s.bucket() == LE.length ? startCount[s.im()]
                        : Math.floor(startCount[s.im()] * cdf(mu[s.im()], LE[s.bucket()]));
                case "sum" -> state[i] = round(startCount[s.im()] * Math.exp(mu[s.im()] + SIGMA * SIGMA / 2), 6);
                default -> state[i] = 0;
            }
        }
        double[][] values = new double[all.size()][steps];
        int[] n = new int[imCount];
        long[][] cum = new long[imCount][LE.length + 1];
        double[] sumIncrement = new double[imCount];
        for (int t = 0; t < steps; t++) {
            for (int k = 0; k < imCount; k++) {
                n[k] = (int) Math.max(0, Math.round(rps[k] * 10 * uniform(r, 0.7, 1.3)));
                double m = mu[k] + uniform(r, -0.15, 0.15);
                for (int b = 0; b < LE.length; b++) {
                    cum[k][b] = (long) Math.floor(n[k] * cdf(m, LE[b]));
                }
                cum[k][LE.length] = n[k];
                sumIncrement[k] = round(n[k] * Math.exp(m + SIGMA * SIGMA / 2) * uniform(r, 0.95, 1.05), 6);
            }
            for (int i = 0; i < all.size(); i++) {
                Series s = all.get(i);
                switch (s.kind()) {
                    case "req" -> state[i] += Math.round(n[s.im()] * HANDLER_SHARE[s.handler()] * STATUS_SHARE[s.status()]
                            * uniform(r, 0.5, 1.5));
                    case "bucket" -> state[i] += cum[s.im()][s.bucket()];
                    case "count" -> state[i] += n[s.im()];
                    case "sum" -> state[i] = round(state[i] + sumIncrement[s.im()], 6);
                    case "rss" -> state[i] = Math.max(50 * 1024 * 1024,
                            Math.floorDiv((long) state[i] + r.nextInt(4_000_001) - 2_000_000, 4096) * 4096);
                    case "cpu" -> state[i] = round(state[i] + uniform(r, 0.05, 4.0), 2);
                    case "goroutines" -> state[i] = Math.max(10, (int) state[i] + r.nextInt(11) - 5);
                    default -> {
                        // up stays 1
                    }
                }
                values[i][t] = state[i];
            }
        }
        return values;
    }

    private static double uniform(Random r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** Log-normal CDF; erf by Abramowitz-Stegun 7.1.26 (error < 1.5e-7, plenty for a load model). */
    private static double cdf(double mu, double x) {
        double z = (Math.log(x) - mu) / (SIGMA * Math.sqrt(2.0));
        return 0.5 * (1.0 + erf(z));
    }

    private static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * a);
        double y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return sign * y;
    }
}
