package dev.strata.engine.testing;

import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Generates a deterministic, small but varied telemetry data set (seeded): a few dozen series of
 * counters and gauges at a 15 s step, log lines from several streams (some carrying trace ids of
 * generated spans), and traces of nested spans across three services.
 */
public final class TelemetryGenerator {
    /** 2024-01-01T00:00:00Z. */
    public static final long BASE_MILLIS = 1_704_067_200_000L;

    private static final String[] METRICS = {"http_requests_total", "cpu_usage", "memory_bytes"};
    private static final String[] JOBS = {"api", "web", "db"};
    private static final String[] INSTANCES = {"a", "b", "c", "d"};
    private static final String[] APPS = {"api", "web", "worker"};
    private static final String[] ENVS = {"prod", "dev"};
    private static final String[] LEVELS = {"info", "info", "info", "warn", "error", "debug"};
    private static final String[] PATHS = {"/api/users", "/api/orders", "/health", "/login"};
    private static final String[] SERVICES = {"frontend", "api", "db"};
    private static final String[] SPAN_NAMES = {"GET /api/users", "GET /api/orders", "POST /login", "SELECT users", "SELECT orders", "render"};
    private static final String[] KINDS = {"server", "client", "internal"};

    private final long seed;
    private final int steps;
    private final int logLines;
    private final int traces;

    public TelemetryGenerator(long seed, int steps, int logLines, int traces) {
        this.seed = seed;
        this.steps = steps;
        this.logLines = logLines;
        this.traces = traces;
    }

    public List<TelemetryRows.Series> series() {
        List<TelemetryRows.Series> series = new ArrayList<>();
        for (String metric : METRICS) {
            for (String job : JOBS) {
                for (String instance : INSTANCES) {
                    SortedMap<String, String> labels = labels(job, instance);
                    series.add(new TelemetryRows.Series(seriesId(metric, labels), metric, labels,
                            metric.endsWith("_total") ? "counter" : "gauge", "help for " + metric, metric.endsWith("_bytes") ? "bytes" : ""));
                }
            }
        }
        return series;
    }

    private static SortedMap<String, String> labels(String job, String instance) {
        SortedMap<String, String> labels = new TreeMap<>();
        labels.put("job", job);
        labels.put("instance", instance);
        if (!instance.equals("d")) {
            labels.put("region", instance.equals("a") ? "us" : "eu");
        }
        return labels;
    }

    private static long seriesId(String metric, SortedMap<String, String> labels) {
        TreeMap<String, String> all = new TreeMap<>(labels);
        all.put(Labels.METRIC_NAME, metric);
        return Labels.fromMap(all).stableHash();
    }

    public List<TelemetryRows.Sample> samples() {
        Random random = new Random(seed);
        List<TelemetryRows.Sample> samples = new ArrayList<>();
        for (TelemetryRows.Series series : series()) {
            double value = random.nextInt(1000);
            for (int step = 0; step < steps; step++) {
                long ts = BASE_MILLIS + step * 15_000L + random.nextInt(20);
                if (series.metricType().equals("counter")) {
                    value += random.nextInt(50);
                } else {
                    value = Math.round((value + random.nextGaussian() * 10) * 100) / 100.0;
                }
                samples.add(new TelemetryRows.Sample(series.seriesId(), series.metric(), series.labels(), ts, value));
            }
        }
        return samples;
    }

    public List<TelemetryRows.Span> spans() {
        Random random = new Random(seed + 2);
        List<TelemetryRows.Span> spans = new ArrayList<>();
        long span = steps * 15_000L * 1_000_000L;
        for (int t = 0; t < traces; t++) {
            String traceId = hex(random.nextLong()) + hex(random.nextLong());
            long start = BASE_MILLIS * 1_000_000L + (long) (random.nextDouble() * span);
            int count = 1 + random.nextInt(6);
            List<TelemetryRows.Span> trace = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                String spanId = hex(random.nextLong());
                TelemetryRows.Span parent = s == 0 ? null : trace.get(random.nextInt(trace.size()));
                String service = s == 0 ? "frontend" : SERVICES[1 + random.nextInt(2)];
                long spanStart = parent == null ? start : parent.startNanos() + random.nextInt(1_000_000);
                long duration = 100_000L + random.nextInt(50_000_000);
                String status = random.nextInt(10) == 0 ? "error" : random.nextInt(3) == 0 ? "ok" : "unset";
                SortedMap<String, String> attributes = new TreeMap<>();
                SortedMap<String, Long> attributesInt = new TreeMap<>();
                String name = SPAN_NAMES[random.nextInt(SPAN_NAMES.length)];
                if (name.startsWith("GET") || name.startsWith("POST")) {
                    attributes.put("http.method", name.substring(0, name.indexOf(' ')));
                    long code = status.equals("error") ? 500 : random.nextInt(5) == 0 ? 404 : 200;
                    attributes.put("http.status_code", Long.toString(code));
                    attributesInt.put("http.status_code", code);
                } else {
                    attributes.put("db.system", "postgresql");
                }
                SortedMap<String, String> resource = new TreeMap<>();
                resource.put("service.name", service);
                resource.put("host.name", "host-" + random.nextInt(3));
                TelemetryRows.Span row = new TelemetryRows.Span(traceId, spanId, parent == null ? null : parent.spanId(), name,
                        KINDS[random.nextInt(KINDS.length)], service, spanStart, spanStart + duration, status,
                        status.equals("error") ? "boom" : null, attributes, attributesInt, resource);
                trace.add(row);
            }
            spans.addAll(trace);
        }
        return spans;
    }

    public List<TelemetryRows.Log> logs() {
        Random random = new Random(seed + 1);
        List<TelemetryRows.Span> spans = spans();
        List<TelemetryRows.Log> logs = new ArrayList<>();
        long span = steps * 15_000L * 1_000_000L;
        for (int i = 0; i < logLines; i++) {
            String app = APPS[random.nextInt(APPS.length)];
            String env = ENVS[random.nextInt(ENVS.length)];
            SortedMap<String, String> labels = new TreeMap<>();
            labels.put("app", app);
            labels.put("env", env);
            long ts = BASE_MILLIS * 1_000_000L + (long) (random.nextDouble() * span);
            String level = LEVELS[random.nextInt(LEVELS.length)];
            int status = level.equals("error") ? 500 : random.nextInt(10) == 0 ? 404 : 200;
            String path = PATHS[random.nextInt(PATHS.length)];
            String line = "level=" + level + " msg=\"" + (level.equals("error") ? "request failed" : "request handled")
                    + "\" status=" + status + " path=" + path + " duration=" + random.nextInt(500) + "ms";
            SortedMap<String, String> metadata = new TreeMap<>();
            String traceId = null;
            String spanId = null;
            if (random.nextInt(3) == 0 && !spans.isEmpty()) {
                TelemetryRows.Span target = spans.get(random.nextInt(spans.size()));
                traceId = target.traceId();
                spanId = target.spanId();
                metadata.put("trace_id", traceId);
            }
            if (random.nextBoolean()) {
                metadata.put("user", "user-" + random.nextInt(20));
            }
            Labels streamLabels = Labels.fromMap(labels);
            logs.add(new TelemetryRows.Log(streamLabels.stableHash(), labels, ts, line, metadata, traceId, spanId, level));
        }
        return logs;
    }

    private static String hex(long value) {
        String text = Long.toHexString(value);
        return "0".repeat(16 - text.length()) + text;
    }
}
