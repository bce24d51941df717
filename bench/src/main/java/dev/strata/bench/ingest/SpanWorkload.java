package dev.strata.bench.ingest;

import static dev.strata.bench.ingest.LogWorkload.attribute;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * OTel-like traces of a small shop: a frontend server span per trace calling 2–4 backend
 * services (client span + server span each), which query a database or cache (client spans with
 * {@code db.*} attributes) and run internal steps; HTTP semantic-convention attributes, an
 * {@code exception} event on failed spans, resource attributes per service pod (service name and
 * version, host, k8s pod, SDK), one instrumentation scope per span kind. Each request exports
 * {@code tracesPerRequest} traces grouped into one ResourceSpans per service pod, as an SDK's
 * batch processor would (roughly 10–20 spans per trace).
 */
final class SpanWorkload {
    private static final String[] SERVICES = {"cart", "checkout", "payment", "inventory", "search", "catalog",
            "user", "shipping", "pricing", "recommend"};
    private static final String[] ROUTES = {"/api/cart", "/api/checkout", "/api/products/{id}", "/api/search",
            "/api/user/profile", "/api/orders/{id}"};
    private static final String[] TABLES = {"orders", "items", "users", "carts", "prices", "stock"};

    private final long seed;
    private final long startNs;
    private final int tracesPerRequest;

    SpanWorkload(long seed, long startNs, int tracesPerRequest) {
        this.seed = seed;
        this.startNs = startNs;
        this.tracesPerRequest = tracesPerRequest;
    }

    /** {@code requests} OTLP/HTTP protobuf export requests; "raw" bytes are the protobuf body's. */
    List<EncodedRequest> generate(int requests) {
        Random random = new Random(seed);
        List<EncodedRequest> out = new ArrayList<>(requests);
        for (int r = 0; r < requests; r++) {
            Map<String, List<Span>> byPod = new LinkedHashMap<>();
            int spans = 0;
            for (int t = 0; t < tracesPerRequest; t++) {
                long traceStart = startNs + (long) (r * tracesPerRequest + t) * 20_000_000L + random.nextInt(20_000_000);
                spans += trace(random, traceStart, byPod);
            }
            ExportTraceServiceRequest.Builder export = ExportTraceServiceRequest.newBuilder();
            for (Map.Entry<String, List<Span>> pod : byPod.entrySet()) {
                String[] key = pod.getKey().split("/");
                export.addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(resource(key[0], key[1]))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("1.32.0"))
                                .addAllSpans(pod.getValue())));
            }
            byte[] body = export.build().toByteArray();
            out.add(new EncodedRequest("/v1/traces", "application/x-protobuf", null, body, spans, body.length));
        }
        return out;
    }

    private int trace(Random random, long start, Map<String, List<Span>> byPod) {
        byte[] traceId = LogWorkload.bytes(random, 16);
        String route = ROUTES[random.nextInt(ROUTES.length)];
        long duration = 5_000_000L + random.nextInt(200_000_000);
        boolean failed = random.nextInt(30) == 0;
        byte[] rootId = LogWorkload.bytes(random, 8);
        int spans = 1;
        int calls = 2 + random.nextInt(3);
        long cursor = start + 300_000;
        for (int c = 0; c < calls; c++) {
            String service = SERVICES[random.nextInt(SERVICES.length)];
            long callDuration = Math.max(1_000_000L, duration / calls - random.nextInt(1_000_000));
            byte[] clientId = LogWorkload.bytes(random, 8);
            byte[] serverId = LogWorkload.bytes(random, 8);
            boolean callFailed = failed && c == calls - 1;
            String path = "/" + service + "/v1/" + TABLES[random.nextInt(TABLES.length)];
            add(byPod, "frontend", traceId, span(traceId, clientId, rootId, "GET " + path, Span.SpanKind.SPAN_KIND_CLIENT,
                    cursor, cursor + callDuration, callFailed, random)
                    .addAttributes(attribute("http.request.method", "GET"))
                    .addAttributes(attribute("server.address", service))
                    .addAttributes(attribute("url.full", "http://" + service + ":8080" + path + "?id=" + random.nextInt(100_000)))
                    .addAttributes(intAttribute("http.response.status_code", callFailed ? 500 : 200)).build());
            add(byPod, service, traceId, span(traceId, serverId, clientId, "GET " + path, Span.SpanKind.SPAN_KIND_SERVER,
                    cursor + 200_000, cursor + callDuration - 200_000, callFailed, random)
                    .addAttributes(attribute("http.request.method", "GET"))
                    .addAttributes(attribute("http.route", path))
                    .addAttributes(intAttribute("http.response.status_code", callFailed ? 500 : 200))
                    .addAttributes(attribute("user_agent.original", "Go-http-client/1.1")).build());
            spans += 2;
            int queries = 1 + random.nextInt(3);
            long q = cursor + 400_000;
            for (int k = 0; k < queries; k++) {
                long qd = 200_000L + random.nextInt(3_000_000);
                boolean cache = random.nextInt(3) == 0;
                String table = TABLES[random.nextInt(TABLES.length)];
                Span.Builder db = span(traceId, LogWorkload.bytes(random, 8), serverId,
                        cache ? "GET" : "SELECT shop." + table, Span.SpanKind.SPAN_KIND_CLIENT, q, q + qd, false, random);
                if (cache) {
                    db.addAttributes(attribute("db.system", "redis"))
                            .addAttributes(attribute("db.statement", "GET " + table + ":" + random.nextInt(100_000)));
                } else {
                    db.addAttributes(attribute("db.system", "postgresql"))
                            .addAttributes(attribute("db.name", "shop"))
                            .addAttributes(attribute("db.statement", "SELECT * FROM " + table + " WHERE id = $1 LIMIT 50"));
                }
                add(byPod, service, traceId, db.addAttributes(attribute("server.address", cache ? "redis" : "postgres")).build());
                q += qd + 100_000;
                spans++;
            }
            if (random.nextBoolean()) {
                add(byPod, service, traceId, span(traceId, LogWorkload.bytes(random, 8), serverId, "render response",
                        Span.SpanKind.SPAN_KIND_INTERNAL, q, q + 300_000, false, random).build());
                spans++;
            }
            cursor += callDuration;
        }
        add(byPod, "frontend", traceId, span(traceId, rootId, null, "GET " + route, Span.SpanKind.SPAN_KIND_SERVER,
                start, Math.max(cursor, start + duration), failed, random)
                .addAttributes(attribute("http.request.method", "GET"))
                .addAttributes(attribute("http.route", route))
                .addAttributes(attribute("url.path", route.replace("{id}", Integer.toString(random.nextInt(100_000)))))
                .addAttributes(intAttribute("http.response.status_code", failed ? 500 : 200))
                .addAttributes(attribute("client.address", "10.0." + random.nextInt(8) + "." + random.nextInt(250))).build());
        return spans;
    }

    private static Span.Builder span(byte[] traceId, byte[] spanId, byte[] parentId, String name, Span.SpanKind kind,
            long start, long end, boolean failed, Random random) {
        Span.Builder span = Span.newBuilder()
                .setTraceId(ByteString.copyFrom(traceId))
                .setSpanId(ByteString.copyFrom(spanId))
                .setName(name)
                .setKind(kind)
                .setStartTimeUnixNano(start)
                .setEndTimeUnixNano(Math.max(start + 1_000, end));
        if (parentId != null) {
            span.setParentSpanId(ByteString.copyFrom(parentId));
        }
        if (failed) {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream returned 500"))
                    .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(end - 1_000)
                            .addAttributes(attribute("exception.type", "java.io.IOException"))
                            .addAttributes(attribute("exception.message", "connection reset by peer (attempt "
                                    + (1 + random.nextInt(3)) + ")")));
        } else {
            span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_UNSET));
        }
        return span;
    }

    /** A trace's spans of one service come from one of its three pods. */
    private static void add(Map<String, List<Span>> byPod, String service, byte[] traceId, Span span) {
        String pod = service + "/" + service + "-5c7d9-" + Math.floorMod(traceId[0] + service.length(), 3);
        byPod.computeIfAbsent(pod, k -> new ArrayList<>()).add(span);
    }

    private static Resource resource(String service, String pod) {
        return Resource.newBuilder()
                .addAttributes(attribute("service.name", service))
                .addAttributes(attribute("service.version", "1.4." + (service.length() % 5)))
                .addAttributes(attribute("service.namespace", "shop"))
                .addAttributes(attribute("host.name", "node-" + (pod.hashCode() & 7)))
                .addAttributes(attribute("k8s.pod.name", pod))
                .addAttributes(attribute("telemetry.sdk.language", "java"))
                .addAttributes(attribute("telemetry.sdk.name", "opentelemetry"))
                .addAttributes(attribute("telemetry.sdk.version", "1.32.0"))
                .build();
    }

    private static KeyValue intAttribute(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
