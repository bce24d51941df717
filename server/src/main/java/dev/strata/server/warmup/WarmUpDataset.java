package dev.strata.server.warmup;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up's synthetic samples, shaped like a service dashboard's: request counters by job,
 * instance, method, status and handler, classic latency histograms ({@code le} buckets, sum,
 * count) and a gauge, one sample every {@link #INTERVAL_MS} up to {@code endMillis}.
 */
final class WarmUpDataset {
    static final String COUNTER = "strata_warmup_requests_total";
    static final String HISTOGRAM = "strata_warmup_duration_seconds";
    static final String GAUGE = "strata_warmup_in_flight";
    static final long INTERVAL_MS = 15_000;
    static final int SAMPLES = 80;
    static final List<String> JOBS = List.of("api", "web", "worker");
    static final int INSTANCES = 4;
    private static final List<String> BUCKETS = List.of("0.05", "0.1", "0.25", "0.5", "1", "+Inf");

    private WarmUpDataset() {}

    static long startMillis(long endMillis) {
        return endMillis - (SAMPLES - 1) * INTERVAL_MS;
    }

    static SampleBatch batch(long endMillis) {
        long start = startMillis(endMillis);
        List<SeriesSamples> series = new ArrayList<>();
        int seed = 1;
        for (String job : JOBS) {
            for (int i = 0; i < INSTANCES; i++) {
                String instance = job + "-" + i + ":8080";
                for (String method : List.of("GET", "POST")) {
                    for (String status : List.of("200", "500")) {
                        for (String handler : List.of("/items", "/users")) {
                            Labels labels = Labels.of(Labels.METRIC_NAME, COUNTER, "job", job, "instance", instance,
                                    "method", method, "status", status, "handler", handler);
                            series.add(counter(labels, start, seed++));
                        }
                    }
                }
                for (String le : BUCKETS) {
                    series.add(counter(Labels.of(Labels.METRIC_NAME, HISTOGRAM + "_bucket", "job", job, "instance", instance,
                            "le", le), start, seed++));
                }
                series.add(counter(Labels.of(Labels.METRIC_NAME, HISTOGRAM + "_sum", "job", job, "instance", instance), start, seed++));
                series.add(counter(Labels.of(Labels.METRIC_NAME, HISTOGRAM + "_count", "job", job, "instance", instance), start, seed++));
                series.add(gauge(Labels.of(Labels.METRIC_NAME, GAUGE, "job", job, "instance", instance), start, seed++));
            }
        }
        return new SampleBatch(series, List.of());
    }

    /** A counter growing by a series-specific step with fractions, reset once half-way for some series. */
    private static SeriesSamples counter(Labels labels, long start, int seed) {
        long[] ts = new long[SAMPLES];
        double[] values = new double[SAMPLES];
        double value = 0;
        for (int i = 0; i < SAMPLES; i++) {
            ts[i] = start + i * INTERVAL_MS;
            value = (seed % 7 == 0 && i == SAMPLES / 2) ? 0 : value + (seed % 5) + 0.25 * (i % 3);
            values[i] = value;
        }
        return SeriesSamples.of(labels, ts, values);
    }

    private static SeriesSamples gauge(Labels labels, long start, int seed) {
        long[] ts = new long[SAMPLES];
        double[] values = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            ts[i] = start + i * INTERVAL_MS;
            values[i] = (seed * 31 + i * 17) % 23 / 4.0;
        }
        return SeriesSamples.of(labels, ts, values);
    }
}
