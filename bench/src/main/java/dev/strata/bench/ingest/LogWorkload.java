package dev.strata.bench.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.xerial.snappy.Snappy;

/**
 * Service logs from {@code streams} Kubernetes containers (25 apps, labels {@code app},
 * {@code namespace}, {@code pod}, {@code container}, {@code env}): logfmt access lines, JSON
 * lines (every fourth app logs JSON), plain application messages; weighted levels; a trace id on
 * a quarter of the lines (Loki: structured metadata {@code trace_id}; OTLP: the record's trace
 * and span ids). Lines average ~150 bytes. Each request carries 50 streams × 20 lines, each
 * stream's time advancing from request to request, and the same logical data can be encoded as
 * Loki JSON, Loki protobuf + snappy or OTLP/HTTP protobuf. "Raw" bytes are the lines' UTF-8 bytes.
 */
final class LogWorkload {
    static final int STREAMS_PER_REQUEST = 50;
    static final int LINES_PER_STREAM = 20;

    private static final String[] APPS = {"cart", "checkout", "payment", "inventory", "search", "catalog",
            "frontend", "gateway", "auth", "user", "orders", "shipping", "email", "notify", "billing", "pricing",
            "reviews", "recommend", "ads", "media", "export", "import", "scheduler", "reports", "audit"};
    private static final String[] NAMESPACES = {"shop", "platform", "data", "edge", "ops"};
    private static final String[] LEVELS = {"info", "info", "info", "info", "info", "info", "debug", "debug", "warn", "error"};
    private static final String[] METHODS = {"GET", "GET", "GET", "GET", "POST", "POST", "PUT", "DELETE"};
    private static final String[] ROUTES = {"/api/v1/items/", "/api/v1/users/", "/api/v1/orders/", "/api/v1/cart/",
            "/api/v2/search?q=", "/healthz", "/metrics"};
    private static final String[] MESSAGES = {"cache miss, loading from database", "connection pool exhausted, waiting for a free connection",
            "retrying upstream call after timeout", "slow query detected", "user session refreshed", "configuration reloaded from disk",
            "published event to queue", "acquired lease for shard", "flushed batch to downstream", "rejected request: rate limit exceeded"};
    private static final String[] ERRORS = {"context deadline exceeded", "connection refused", "EOF", "no such host",
            "invalid argument: quantity must be positive", "lock wait timeout exceeded"};

    private final int streams;
    private final long seed;
    private final long startNs;

    /** One log line and its per-line metadata. */
    record Line(long timestampNs, String level, String text, byte[] traceId, byte[] spanId) {}

    /** One stream's lines in one request. */
    record StreamChunk(int stream, List<Line> lines) {}

    LogWorkload(int streams, long seed, long startNs) {
        if (streams < STREAMS_PER_REQUEST) {
            throw new IllegalArgumentException("streams must be at least " + STREAMS_PER_REQUEST + ": " + streams);
        }
        this.streams = streams;
        this.seed = seed;
        this.startNs = startNs;
    }

    /** {@code requests} requests' worth of chunks; deterministic for a seed. */
    List<List<StreamChunk>> generate(int requests) {
        Random random = new Random(seed);
        List<List<StreamChunk>> out = new ArrayList<>(requests);
        int requestsPerRound = Math.max(1, streams / STREAMS_PER_REQUEST);
        for (int r = 0; r < requests; r++) {
            long roundStart = startNs + (r / requestsPerRound) * 10_000_000_000L;
            List<StreamChunk> chunks = new ArrayList<>(STREAMS_PER_REQUEST);
            for (int k = 0; k < STREAMS_PER_REQUEST; k++) {
                int stream = ((r % requestsPerRound) * STREAMS_PER_REQUEST + k) % streams;
                List<Line> lines = new ArrayList<>(LINES_PER_STREAM);
                for (int i = 0; i < LINES_PER_STREAM; i++) {
                    long ts = roundStart + i * 500_000_000L + random.nextInt(500_000_000);
                    String level = LEVELS[random.nextInt(LEVELS.length)];
                    byte[] traceId = random.nextInt(4) == 0 ? bytes(random, 16) : null;
                    byte[] spanId = traceId == null ? null : bytes(random, 8);
                    lines.add(new Line(ts, level, text(random, stream, level, ts, traceId), traceId, spanId));
                }
                chunks.add(new StreamChunk(stream, lines));
            }
            out.add(chunks);
        }
        return out;
    }

    String app(int stream) {
        return APPS[stream % APPS.length];
    }

    String[][] labels(int stream) {
        String app = app(stream);
        return new String[][] {{"app", app}, {"container", app}, {"env", stream % 7 == 0 ? "staging" : "prod"},
                {"namespace", NAMESPACES[stream % NAMESPACES.length]},
                {"pod", app + "-6d9f8b7c4-" + Integer.toString(1_000 + stream * 7919 % 45_000, 36)}};
    }

    private String text(Random random, int stream, String level, long ts, byte[] traceId) {
        StringBuilder b = new StringBuilder(200);
        boolean json = stream % APPS.length % 4 == 0;
        boolean access = random.nextInt(3) > 0;
        if (json) {
            b.append("{\"ts\":\"").append(java.time.Instant.ofEpochSecond(0, ts)).append("\",\"level\":\"").append(level).append('"');
            if (access) {
                b.append(",\"msg\":\"request served\",\"method\":\"").append(METHODS[random.nextInt(METHODS.length)])
                        .append("\",\"path\":\"").append(path(random)).append("\",\"status\":").append(status(random))
                        .append(",\"duration_ms\":").append(random.nextInt(2_000) / 10.0);
            } else {
                b.append(",\"msg\":\"").append(message(random, level)).append("\",\"worker\":").append(random.nextInt(16));
            }
            if (traceId != null) {
                b.append(",\"trace_id\":\"").append(hex(traceId)).append('"');
            }
            return b.append('}').toString();
        }
        b.append("ts=").append(java.time.Instant.ofEpochSecond(0, ts - ts % 1_000_000)).append(" level=").append(level);
        if (access) {
            b.append(" caller=http/handler.go:").append(80 + random.nextInt(4) * 17)
                    .append(" method=").append(METHODS[random.nextInt(METHODS.length)])
                    .append(" path=").append(path(random))
                    .append(" status=").append(status(random))
                    .append(" duration=").append(random.nextInt(9_000) / 10.0).append("ms")
                    .append(" bytes=").append(random.nextInt(20_000))
                    .append(" user=u").append(random.nextInt(5_000));
        } else {
            b.append(" caller=app/worker.go:").append(200 + random.nextInt(6) * 11)
                    .append(" msg=\"").append(message(random, level)).append('"')
                    .append(" attempt=").append(1 + random.nextInt(3));
        }
        return b.toString();
    }

    private static String path(Random random) {
        String route = ROUTES[random.nextInt(ROUTES.length)];
        return route.endsWith("/") || route.endsWith("=") ? route + random.nextInt(100_000) : route;
    }

    private static int status(Random random) {
        return random.nextInt(25) == 0 ? 500 : random.nextInt(12) == 0 ? 404 : 200;
    }

    private static String message(Random random, String level) {
        if (level.equals("error")) {
            return "upstream call failed: " + ERRORS[random.nextInt(ERRORS.length)];
        }
        return MESSAGES[random.nextInt(MESSAGES.length)];
    }

    // ---- encodings ----

    EncodedRequest lokiJson(List<StreamChunk> chunks) {
        StringBuilder b = new StringBuilder(256 * STREAMS_PER_REQUEST * LINES_PER_STREAM);
        long raw = 0;
        int items = 0;
        b.append("{\"streams\":[");
        for (int c = 0; c < chunks.size(); c++) {
            StreamChunk chunk = chunks.get(c);
            b.append(c == 0 ? "" : ",").append("{\"stream\":{");
            String[][] labels = labels(chunk.stream());
            for (int l = 0; l < labels.length; l++) {
                b.append(l == 0 ? "" : ",").append('"').append(labels[l][0]).append("\":");
                jsonString(b, labels[l][1]);
            }
            b.append("},\"values\":[");
            for (int i = 0; i < chunk.lines().size(); i++) {
                Line line = chunk.lines().get(i);
                b.append(i == 0 ? "" : ",").append("[\"").append(line.timestampNs()).append("\",");
                jsonString(b, line.text());
                if (line.traceId() != null) {
                    b.append(",{\"trace_id\":\"").append(hex(line.traceId())).append("\"}");
                }
                b.append(']');
                raw += utf8Length(line.text());
                items++;
            }
            b.append("]}");
        }
        b.append("]}");
        return new EncodedRequest("/loki/api/v1/push", "application/json", null,
                b.toString().getBytes(StandardCharsets.UTF_8), items, raw);
    }

    /** logproto.PushRequest{streams=1: {labels=1, entries=2: {timestamp=1: {seconds=1, nanos=2}, line=2, structuredMetadata=3: {name=1, value=2}}}}, snappy. */
    EncodedRequest lokiProtobuf(List<StreamChunk> chunks) {
        long raw = 0;
        int items = 0;
        ByteArrayOutputStream push = new ByteArrayOutputStream();
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(push);
            for (StreamChunk chunk : chunks) {
                ByteArrayOutputStream stream = new ByteArrayOutputStream();
                CodedOutputStream s = CodedOutputStream.newInstance(stream);
                s.writeString(1, labelsText(labels(chunk.stream())));
                for (Line line : chunk.lines()) {
                    ByteArrayOutputStream entry = new ByteArrayOutputStream();
                    CodedOutputStream e = CodedOutputStream.newInstance(entry);
                    ByteArrayOutputStream timestamp = new ByteArrayOutputStream();
                    CodedOutputStream t = CodedOutputStream.newInstance(timestamp);
                    t.writeInt64(1, line.timestampNs() / 1_000_000_000L);
                    t.writeInt32(2, (int) (line.timestampNs() % 1_000_000_000L));
                    t.flush();
                    e.writeByteArray(1, timestamp.toByteArray());
                    e.writeString(2, line.text());
                    if (line.traceId() != null) {
                        ByteArrayOutputStream pair = new ByteArrayOutputStream();
                        CodedOutputStream p = CodedOutputStream.newInstance(pair);
                        p.writeString(1, "trace_id");
                        p.writeString(2, hex(line.traceId()));
                        p.flush();
                        e.writeByteArray(3, pair.toByteArray());
                    }
                    e.flush();
                    s.writeByteArray(2, entry.toByteArray());
                    raw += utf8Length(line.text());
                    items++;
                }
                s.flush();
                out.writeByteArray(1, stream.toByteArray());
            }
            out.flush();
            return new EncodedRequest("/loki/api/v1/push", "application/x-protobuf", null,
                    Snappy.compress(push.toByteArray()), items, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OTLP logs: one ResourceLogs per stream (service.name = app, k8s attributes), severity, body, ids. */
    EncodedRequest otlp(List<StreamChunk> chunks) {
        long raw = 0;
        int items = 0;
        ExportLogsServiceRequest.Builder export = ExportLogsServiceRequest.newBuilder();
        for (StreamChunk chunk : chunks) {
            String[][] labels = labels(chunk.stream());
            ScopeLogs.Builder scope = ScopeLogs.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.logback-appender-1.0").setVersion("1.32.0"));
            for (Line line : chunk.lines()) {
                LogRecord.Builder record = LogRecord.newBuilder()
                        .setTimeUnixNano(line.timestampNs())
                        .setObservedTimeUnixNano(line.timestampNs() + 1_000_000)
                        .setSeverityText(line.level().toUpperCase(java.util.Locale.ROOT))
                        .setSeverityNumber(severity(line.level()))
                        .setBody(AnyValue.newBuilder().setStringValue(line.text()))
                        .addAttributes(attribute("thread.name", "worker-" + (line.timestampNs() % 8)));
                if (line.traceId() != null) {
                    record.setTraceId(ByteString.copyFrom(line.traceId())).setSpanId(ByteString.copyFrom(line.spanId()));
                }
                scope.addLogRecords(record);
                raw += utf8Length(line.text());
                items++;
            }
            export.addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(attribute("service.name", labels[0][1]))
                            .addAttributes(attribute("deployment.environment", labels[2][1]))
                            .addAttributes(attribute("k8s.namespace.name", labels[3][1]))
                            .addAttributes(attribute("k8s.pod.name", labels[4][1]))
                            .addAttributes(attribute("k8s.container.name", labels[1][1])))
                    .addScopeLogs(scope));
        }
        return new EncodedRequest("/v1/logs", "application/x-protobuf", null, export.build().toByteArray(), items, raw);
    }

    private static SeverityNumber severity(String level) {
        return switch (level) {
            case "debug" -> SeverityNumber.SEVERITY_NUMBER_DEBUG;
            case "warn" -> SeverityNumber.SEVERITY_NUMBER_WARN;
            case "error" -> SeverityNumber.SEVERITY_NUMBER_ERROR;
            default -> SeverityNumber.SEVERITY_NUMBER_INFO;
        };
    }

    static KeyValue attribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static String labelsText(String[][] labels) {
        StringBuilder b = new StringBuilder("{");
        for (int l = 0; l < labels.length; l++) {
            b.append(l == 0 ? "" : ", ").append(labels[l][0]).append("=\"").append(labels[l][1]).append('"');
        }
        return b.append('}').toString();
    }

    private static void jsonString(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                default -> b.append(c);
            }
        }
        b.append('"');
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    static byte[] bytes(Random random, int n) {
        byte[] out = new byte[n];
        random.nextBytes(out);
        return out;
    }

    static String hex(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length * 2);
        for (byte x : bytes) {
            b.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return b.toString();
    }
}
