package dev.strata.storage.part;

import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Deterministic rows for each table, already in the stored sort order (see {@link StoredSchemas}). */
final class PartFixtures {
    static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);
    static final long BASE_MILLIS = 1_795_392_000_000L; // 2026-11-23T00:00:00Z

    private PartFixtures() {}

    /** {@code samples}: (series_id, metric, ts ms, value), with NaN, the staleness marker and infinities. */
    static List<List<Object>> samples(int seriesCount, int perSeries, long seed) {
        Random random = new Random(seed);
        String[] metrics = {"http_requests_total", "go_goroutines", "up"};
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < seriesCount; s++) {
            String metric = metrics[s % metrics.length];
            long seriesId = seriesId(s);
            double counter = random.nextInt(1_000_000);
            for (int i = 0; i < perSeries; i++) {
                double value;
                int pick = random.nextInt(60);
                if (pick == 0) {
                    value = STALE_NAN;
                } else if (pick == 1) {
                    value = Double.NaN;
                } else if (pick == 2) {
                    value = Double.POSITIVE_INFINITY;
                } else if (pick == 3) {
                    value = -0.0;
                } else {
                    counter += random.nextInt(500);
                    value = s % 3 == 1 ? Math.round(random.nextGaussian() * 10000) / 100.0 : counter;
                }
                rows.add(new ArrayList<>(Arrays.asList(seriesId, metric, BASE_MILLIS + i * 10_000L + random.nextInt(20), value)));
            }
        }
        rows.sort(Comparator.<List<Object>, String>comparing(r -> (String) r.get(1))
                .thenComparing(r -> (Long) r.get(0)).thenComparing(r -> (Long) r.get(2)));
        return rows;
    }

    static long seriesId(int s) {
        return Labels.of("__name__", "m", "instance", "i" + s).stableHash();
    }

    /** {@code series}: one row per series, with labels and optional metadata. */
    static List<List<Object>> series(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            Map<String, Object> labels = new TreeMap<>(Map.of("instance", "i" + s, "job", "job" + (s % 4)));
            rows.add(new ArrayList<>(Arrays.asList(seriesId(s), "metric_" + (s % 5), labels,
                    s % 2 == 0 ? "counter" : null, s % 3 == 0 ? "Help text " + s : null, s % 7 == 0 ? "seconds" : null)));
        }
        rows.sort(Comparator.comparing(r -> (Long) r.get(0)));
        return rows;
    }

    /** {@code logs}: lines with ns timestamps, structured metadata (sometimes empty), trace ids. */
    static List<List<Object>> logs(int streams, int perStream, long seed) {
        Random random = new Random(seed);
        String[] levels = {"info", "warn", "error", "debug"};
        List<List<Object>> rows = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            Map<String, Object> labels = new TreeMap<>(Map.of("app", "app" + s, "env", s % 2 == 0 ? "prod" : "dev"));
            long streamId = s * 7919L - 40_000L;
            for (int i = 0; i < perStream; i++) {
                Map<String, Object> metadata = new TreeMap<>();
                if (i % 3 == 0) {
                    metadata.put("pod", "pod-" + random.nextInt(4));
                    metadata.put("user", "u" + random.nextInt(100));
                }
                String traceId = i % 4 == 0 ? String.format("%032x", random.nextLong() & Long.MAX_VALUE) : null;
                String spanId = traceId == null ? null : String.format("%016x", random.nextLong() & Long.MAX_VALUE);
                // ids in structured metadata as Loki and OTLP send them: mostly the column's value (stored
                // once, decision 0028), sometimes differing or without a column value (stored as sent)
                switch (i % 16) {
                    case 0 -> {
                        metadata.put("trace_id", traceId);
                        metadata.put("span_id", spanId);
                    }
                    case 4 -> metadata.put("trace_id", traceId.toUpperCase(Locale.ROOT));
                    case 12 -> metadata.put("trace_id", traceId);
                    case 5 -> metadata.put("trace_id", "not-hex");
                    case 7 -> metadata.put("span_id", "");
                    default -> { }
                }
                rows.add(new ArrayList<>(Arrays.asList(streamId, labels,
                        BASE_MILLIS * 1_000_000L + i * 1_000_000_123L + random.nextInt(1000),
                        "level=" + levels[i % 4] + " msg=\"request served\" path=/api/v1/items/" + random.nextInt(1000)
                                + " duration_ms=" + random.nextInt(250) + " ünïcödé",
                        metadata, traceId, spanId, i % 5 == 0 ? null : levels[i % 4])));
            }
        }
        rows.sort(Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(0)).thenComparing(r -> (Long) r.get(2)));
        return rows;
    }

    /** {@code spans}: the whole OTLP span model, with typed attributes, events and links. */
    static List<List<Object>> spans(int traces, int perTrace, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int t = 0; t < traces; t++) {
            String traceId = String.format("%016x%016x", random.nextLong(), random.nextLong());
            for (int i = 0; i < perTrace; i++) {
                long start = BASE_MILLIS * 1_000_000L + t * 5_000_000_000L + i * 1_000_123L;
                long duration = 1_000 + random.nextInt(5_000_000);
                Map<String, Object> attributes = new TreeMap<>(Map.of("http.method", "GET", "http.status_code", "200"));
                Map<String, Object> ints = new TreeMap<>(Map.of("http.status_code", 200L));
                Map<String, Object> doubles = new TreeMap<>();
                Map<String, Object> bools = new TreeMap<>();
                if (i % 2 == 0) {
                    attributes.put("ratio", "0.25");
                    doubles.put("ratio", 0.25);
                    attributes.put("cached", "true");
                    bools.put("cached", true);
                }
                List<Object> events = new ArrayList<>();
                for (int e = 0; e < i % 3; e++) {
                    events.add(struct("ts", start + e * 100, "name", "event" + e,
                            "attributes", new TreeMap<>(Map.of("k", "v" + e))));
                }
                List<Object> links = new ArrayList<>();
                if (i % 4 == 1) {
                    links.add(struct("trace_id", traceId, "span_id", String.format("%016x", i - 1L),
                            "trace_state", null, "attributes", new TreeMap<>()));
                }
                rows.add(new ArrayList<>(Arrays.asList(traceId, String.format("%016x", (long) i),
                        i == 0 ? null : String.format("%016x", 0L), i == 0 ? "congo=t61rcWkgMzE" : null,
                        "GET /api/" + (i % 3), i == 0 ? "SPAN_KIND_SERVER" : "SPAN_KIND_INTERNAL", "svc" + (t % 3),
                        start, start + duration, duration, i % 9 == 8 ? "STATUS_CODE_ERROR" : "STATUS_CODE_UNSET",
                        i % 9 == 8 ? "boom" : null,
                        attributes, ints, doubles, bools,
                        new TreeMap<>(Map.of("service.name", "svc" + (t % 3), "host.cores", "8")),
                        new TreeMap<>(Map.of("host.cores", 8L)), new TreeMap<>(), new TreeMap<>(),
                        "io.opentelemetry.sdk", i % 2 == 0 ? "1.44.0" : null, events, links)));
            }
        }
        rows.sort(Comparator.<List<Object>, String>comparing(r -> (String) r.get(0)).thenComparing(r -> (Long) r.get(7)));
        return rows;
    }

    /** A struct value: its field values in schema order (names only document the call site). */
    private static List<Object> struct(Object... namesAndValues) {
        List<Object> struct = new ArrayList<>();
        for (int i = 1; i < namesAndValues.length; i += 2) {
            struct.add(namesAndValues[i]);
        }
        return struct;
    }

    static List<List<Object>> rows(String table) {
        return switch (table) {
            case "samples" -> samples(40, 100, 1);
            case "series" -> series(300);
            case "logs" -> logs(12, 200, 2);
            case "spans" -> spans(30, 25, 3);
            default -> throw new IllegalArgumentException(table);
        };
    }
}
