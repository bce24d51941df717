package dev.strata.tests.ingest;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strata.tests.harness.DuckDbParts;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.StrataProcess;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongGauge;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.logs.OtlpGrpcLogRecordExporter;
import io.opentelemetry.exporter.otlp.metrics.OtlpGrpcMetricExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenTelemetry Java SDK produces spans, log records and metrics; the SDK's own OTLP
 * exporters send the very same data once over gRPC and once over HTTP/protobuf, each to its own
 * tenant. After {@code POST /flush}, DuckDB must see in each tenant's parts the exact spans (ids,
 * parent, name, kind, times, status, typed attributes, events, links, scope, resource), log
 * records (body, {@code service_name} label, level from severity, trace and span ids) and the
 * metrics named as Prometheus's OTLP receiver names them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestOtlpSdk {
    private static final String GRPC_TENANT = "otlp-grpc";
    private static final String HTTP_TENANT = "otlp-http";
    private static final String SERVICE = "e2e-checkout";
    private static final String INSTANCE = "inst-7";
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(30);

    private final List<SpanData> spans = new ArrayList<>();
    private final List<LogRecordData> logs = new ArrayList<>();
    private final List<MetricData> metrics = new ArrayList<>();
    private StrataProcess strata;
    private boolean isExported;

    @BeforeAll
    void produceTelemetry() {
        Resource resource = Resource.create(Attributes.builder()
                .put("service.name", SERVICE)
                .put("service.instance.id", INSTANCE)
                .put("service.version", "1.0.0")
                .put("process.pid", 4242L)
                .build());
        long t0 = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS).toEpochMilli() * 1_000_000L + 123_457;

        // The SDK's in-memory exporters keep what it produced, so the same data goes over both transports.
        InMemorySpanExporter spanSink = InMemorySpanExporter.create();
        InMemoryLogRecordExporter logSink = InMemoryLogRecordExporter.create();
        SdkTracerProvider tracerProvider = SdkTracerProvider.builder().setResource(resource)
                .addSpanProcessor(SimpleSpanProcessor.create(spanSink)).build();
        SdkLoggerProvider loggerProvider = SdkLoggerProvider.builder().setResource(resource)
                .addLogRecordProcessor(SimpleLogRecordProcessor.create(logSink)).build();
        InMemoryMetricReader reader = InMemoryMetricReader.create();
        SdkMeterProvider meterProvider = SdkMeterProvider.builder().setResource(resource).registerMetricReader(reader).build();

        Tracer tracer = tracerProvider.get("dev.strata.e2e", "1.2.3");
        SpanContext linked = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.builder().put("vendor", "v1").build());
        Span parent = tracer.spanBuilder("GET /checkout").setSpanKind(SpanKind.SERVER)
                .setStartTimestamp(t0, TimeUnit.NANOSECONDS)
                .setAttribute("http.method", "GET")
                .setAttribute("http.status_code", 200L)
                .setAttribute("retry.ratio", 0.25)
                .setAttribute("cache.hit", true)
                .startSpan();
        parent.addEvent("checkout.started", Attributes.of(stringKey("cart.id"), "c-42", longKey("cart.items"), 3L),
                t0 + 1_000, TimeUnit.NANOSECONDS);
        Span child = tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT)
                .setParent(Context.root().with(parent))
                .setStartTimestamp(t0 + 2_000_000, TimeUnit.NANOSECONDS)
                .setAttribute("db.system", "postgresql")
                .addLink(linked, Attributes.of(stringKey("link.reason"), "follows"))
                .startSpan();
        child.setStatus(StatusCode.ERROR, "db timeout");
        child.end(t0 + 9_500_001, TimeUnit.NANOSECONDS);

        loggerProvider.get("dev.strata.e2e").logRecordBuilder()
                .setTimestamp(t0 + 3_000_003, TimeUnit.NANOSECONDS)
                .setSeverity(Severity.WARN).setSeverityText("WARN")
                .setBody("payment retried")
                .setAttribute(stringKey("user.id"), "u42")
                .setContext(Context.root().with(parent))
                .emit();
        loggerProvider.get("dev.strata.e2e").logRecordBuilder()
                .setTimestamp(t0 + 4_000_004, TimeUnit.NANOSECONDS)
                .setSeverity(Severity.ERROR).setSeverityText("ERROR")
                .setBody("disk full")
                .emit();

        parent.setStatus(StatusCode.OK);
        parent.end(t0 + 12_000_000, TimeUnit.NANOSECONDS);

        Meter meter = meterProvider.get("dev.strata.e2e");
        LongCounter requests = meter.counterBuilder("http.server.requests").setUnit("{request}").setDescription("Requests served").build();
        requests.add(3, Attributes.of(stringKey("http.method"), "GET"));
        requests.add(4, Attributes.of(stringKey("http.method"), "GET"));
        DoubleHistogram duration = meter.histogramBuilder("http.server.duration").setUnit("ms")
                .setExplicitBucketBoundariesAdvice(List.of(10.0, 100.0)).build();
        for (double ms : new double[] {5, 50, 500}) {
            duration.record(ms, Attributes.of(stringKey("http.route"), "/checkout"));
        }
        LongGauge depth = meter.gaugeBuilder("queue.depth").ofLongs().setUnit("{item}").build();
        depth.set(12, Attributes.of(stringKey("queue"), "orders"));

        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        assertThat(loggerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        spans.addAll(spanSink.getFinishedSpanItems());
        logs.addAll(logSink.getFinishedLogRecordItems());
        // one collection of our own instruments (the SDK also reports on itself)
        for (MetricData metric : reader.collectAllMetrics()) {
            if (metric.getInstrumentationScopeInfo().getName().equals("dev.strata.e2e")) {
                metrics.add(metric);
            }
        }
        tracerProvider.close();
        loggerProvider.close();
        meterProvider.close();
        assertThat(spans).hasSize(2);
        assertThat(logs).hasSize(2);
        assertThat(metrics).hasSize(3);
    }

    @BeforeEach
    void exportOverBothTransports() {
        if (isExported) {
            return;
        }
        strata = StrataProcess.start("otlp-sdk");
        String grpc = "http://127.0.0.1:" + strata.otlpGrpcPort();
        String http = "http://127.0.0.1:" + strata.httpPort();

        OtlpGrpcSpanExporter grpcSpans = OtlpGrpcSpanExporter.builder().setEndpoint(grpc)
                .addHeader("X-Scope-OrgID", GRPC_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        OtlpGrpcLogRecordExporter grpcLogs = OtlpGrpcLogRecordExporter.builder().setEndpoint(grpc)
                .addHeader("X-Scope-OrgID", GRPC_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        OtlpGrpcMetricExporter grpcMetrics = OtlpGrpcMetricExporter.builder().setEndpoint(grpc)
                .addHeader("X-Scope-OrgID", GRPC_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        OtlpHttpSpanExporter httpSpans = OtlpHttpSpanExporter.builder().setEndpoint(http + "/v1/traces")
                .addHeader("X-Scope-OrgID", HTTP_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        OtlpHttpLogRecordExporter httpLogs = OtlpHttpLogRecordExporter.builder().setEndpoint(http + "/v1/logs")
                .addHeader("X-Scope-OrgID", HTTP_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        OtlpHttpMetricExporter httpMetrics = OtlpHttpMetricExporter.builder().setEndpoint(http + "/v1/metrics")
                .addHeader("X-Scope-OrgID", HTTP_TENANT).setTimeout(EXPORT_TIMEOUT).build();
        try {
            assertExported("gRPC spans", grpcSpans.export(spans));
            assertExported("gRPC logs", grpcLogs.export(logs));
            assertExported("gRPC metrics", grpcMetrics.export(metrics));
            assertExported("HTTP spans", httpSpans.export(spans));
            assertExported("HTTP logs", httpLogs.export(logs));
            assertExported("HTTP metrics", httpMetrics.export(metrics));
        } finally {
            grpcSpans.close();
            grpcLogs.close();
            grpcMetrics.close();
            httpSpans.close();
            httpLogs.close();
            httpMetrics.close();
        }
        strata.flush();
        isExported = true;
    }

    @AfterAll
    void stopServer() {
        if (strata != null) {
            strata.close();
        }
    }

    @Test
    void spansOverGrpc() {
        assertSpans(GRPC_TENANT);
    }

    @Test
    void spansOverHttp() {
        assertSpans(HTTP_TENANT);
    }

    @Test
    void logsOverGrpc() {
        assertLogs(GRPC_TENANT);
    }

    @Test
    void logsOverHttp() {
        assertLogs(HTTP_TENANT);
    }

    @Test
    void metricsOverGrpc() {
        assertMetrics(GRPC_TENANT);
    }

    @Test
    void metricsOverHttp() {
        assertMetrics(HTTP_TENANT);
    }

    /** A span as DuckDB reads it back, normalised where the spelling is the store's choice. */
    record StoredSpan(String traceId, String spanId, String parentSpanId, String name, String kind, String serviceName,
            long startNs, long endNs, long durationNs, String status, String statusMessage,
            Map<String, String> attributes, Map<String, String> attributesInt, Map<String, String> attributesDouble,
            Map<String, String> attributesBool, Map<String, String> resourceAttributes, Map<String, String> resourceAttributesInt,
            String scopeName, String scopeVersion, List<String> events, List<String> links) {}

    private void assertSpans(String tenant) {
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            List<StoredSpan> stored = duck.query("SELECT trace_id, span_id, parent_span_id, name, kind, service_name,"
                    + " epoch_ns(start_ts), epoch_ns(end_ts), duration_ns, status_code, status_message,"
                    + " to_json(attributes)::VARCHAR, to_json(attributes_int)::VARCHAR, to_json(attributes_double)::VARCHAR,"
                    + " to_json(attributes_bool)::VARCHAR, to_json(resource_attributes)::VARCHAR,"
                    + " to_json(resource_attributes_int)::VARCHAR, scope_name, scope_version,"
                    + " to_json(list_transform(events, lambda e: {'ts': epoch_ns(e.ts), 'name': e.name, 'attributes': e.attributes}))::VARCHAR,"
                    + " to_json(links)::VARCHAR"
                    + " FROM " + duck.table("spans") + " WHERE tenant = '" + tenant + "'",
                    row -> new StoredSpan(row.getString(1), row.getString(2), emptyToNull(row.getString(3)), row.getString(4),
                            normalise(row.getString(5), "span_kind_"), row.getString(6), row.getLong(7), row.getLong(8), row.getLong(9),
                            normalise(row.getString(10), "status_code_"), emptyToNull(row.getString(11)),
                            DuckDbParts.textMap(row.getString(12)), DuckDbParts.textMap(row.getString(13)),
                            DuckDbParts.textMap(row.getString(14)), DuckDbParts.textMap(row.getString(15)),
                            DuckDbParts.textMap(row.getString(16)), DuckDbParts.textMap(row.getString(17)),
                            row.getString(18), row.getString(19), storedEvents(row.getString(20)), storedLinks(row.getString(21))));
            List<StoredSpan> expected = new ArrayList<>();
            for (SpanData span : spans) {
                expected.add(expectedSpan(span));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private void assertLogs(String tenant) {
        record StoredLog(String serviceName, long timestampNs, String line, String level, String traceId, String spanId) {}
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            Map<String, Map<String, String>> metadataByLine = new HashMap<>();
            List<StoredLog> stored = duck.query("SELECT to_json(labels)::VARCHAR, epoch_ns(ts), line, level, trace_id, span_id,"
                            + " to_json(metadata)::VARCHAR FROM " + duck.table("logs") + " WHERE tenant = '" + tenant + "'",
                    row -> {
                        metadataByLine.put(row.getString(3), DuckDbParts.textMap(row.getString(7)));
                        return new StoredLog(DuckDbParts.textMap(row.getString(1)).get("service_name"), row.getLong(2),
                                row.getString(3), normalise(row.getString(4), ""), emptyToNull(row.getString(5)),
                                emptyToNull(row.getString(6)));
                    });
            List<StoredLog> expected = new ArrayList<>();
            for (LogRecordData log : logs) {
                SpanContext context = log.getSpanContext();
                expected.add(new StoredLog(SERVICE, log.getTimestampEpochNanos(), log.getBodyValue().asString(),
                        log.getSeverity().name().toLowerCase(Locale.ROOT),
                        context.isValid() ? context.getTraceId() : null, context.isValid() ? context.getSpanId() : null));
            }
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(metadataByLine.get("payment retried")).as("structured metadata from log attributes").containsValue("u42");
            for (LogRecordData log : logs) {
                if (log.getSpanContext().isValid()) {
                    // stored once in the trace_id column, read back into the metadata map (decision 0028)
                    assertThat(metadataByLine.get(log.getBodyValue().asString())).as("ids in metadata")
                            .containsEntry("trace_id", log.getSpanContext().getTraceId())
                            .containsEntry("span_id", log.getSpanContext().getSpanId());
                }
            }
        }
    }

    private void assertMetrics(String tenant) {
        record StoredSample(String metric, Map<String, String> labels, long timestampMs, double value) {}
        Map<String, String> resourceLabels = Map.of("job", SERVICE, "instance", INSTANCE);
        long counterMs = pointMillis("http.server.requests");
        long histogramMs = pointMillis("http.server.duration");
        long gaugeMs = pointMillis("queue.depth");
        List<StoredSample> expected = List.of(
                new StoredSample("http_server_requests_total", withResource(resourceLabels, "http_method", "GET"), counterMs, 7),
                new StoredSample("http_server_duration_milliseconds_bucket",
                        withResource(resourceLabels, "http_route", "/checkout", "le", "10"), histogramMs, 1),
                new StoredSample("http_server_duration_milliseconds_bucket",
                        withResource(resourceLabels, "http_route", "/checkout", "le", "100"), histogramMs, 2),
                new StoredSample("http_server_duration_milliseconds_bucket",
                        withResource(resourceLabels, "http_route", "/checkout", "le", "+Inf"), histogramMs, 3),
                new StoredSample("http_server_duration_milliseconds_sum", withResource(resourceLabels, "http_route", "/checkout"), histogramMs, 555),
                new StoredSample("http_server_duration_milliseconds_count", withResource(resourceLabels, "http_route", "/checkout"), histogramMs, 3),
                new StoredSample("queue_depth", withResource(resourceLabels, "queue", "orders"), gaugeMs, 12));
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            List<StoredSample> stored = duck.query("WITH s AS (SELECT series_id, any_value(metric) AS metric,"
                            + " any_value(to_json(labels)::VARCHAR) AS labels FROM " + duck.table("series")
                            + " WHERE tenant = '" + tenant + "' GROUP BY series_id)"
                            + " SELECT s.metric, s.labels, epoch_ms(x.ts), x.value FROM " + duck.table("samples")
                            + " x JOIN s USING (series_id) WHERE x.tenant = '" + tenant + "' AND s.metric <> 'target_info'",
                    row -> {
                        // scope labels (otel_scope_*) are added by newer receivers; resource-level
                        // and point labels must match exactly
                        Map<String, String> labels = new TreeMap<>(DuckDbParts.textMap(row.getString(2)));
                        labels.remove("__name__");
                        labels.keySet().removeIf(name -> name.startsWith("otel_scope_"));
                        return new StoredSample(row.getString(1), labels, row.getLong(3), row.getDouble(4));
                    });
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);

            Map<String, String> types = new HashMap<>();
            duck.query("SELECT DISTINCT metric, metric_type FROM " + duck.table("series") + " WHERE tenant = '" + tenant + "'",
                    row -> types.put(row.getString(1), normalise(row.getString(2), "")));
            assertThat(types).containsEntry("http_server_requests_total", "counter").containsEntry("queue_depth", "gauge");
        }
    }

    private long pointMillis(String instrument) {
        for (MetricData metric : metrics) {
            if (metric.getName().equals(instrument)) {
                return metric.getData().getPoints().iterator().next().getEpochNanos() / 1_000_000L;
            }
        }
        throw new AssertionError("no metric " + instrument + " in " + metrics);
    }

    private static Map<String, String> withResource(Map<String, String> resource, String... pairs) {
        Map<String, String> out = new TreeMap<>(resource);
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static StoredSpan expectedSpan(SpanData span) {
        Map<String, String> text = new TreeMap<>();
        Map<String, String> ints = new TreeMap<>();
        Map<String, String> doubles = new TreeMap<>();
        Map<String, String> bools = new TreeMap<>();
        split(span.getAttributes(), text, ints, doubles, bools);
        Map<String, String> resourceText = new TreeMap<>();
        Map<String, String> resourceInts = new TreeMap<>();
        split(span.getResource().getAttributes(), resourceText, resourceInts, new TreeMap<>(), new TreeMap<>());
        List<String> events = new ArrayList<>();
        for (EventData event : span.getEvents()) {
            Map<String, String> attributes = new TreeMap<>();
            split(event.getAttributes(), attributes, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
            events.add(event.getEpochNanos() + " " + event.getName() + " " + attributes);
        }
        List<String> links = new ArrayList<>();
        for (LinkData link : span.getLinks()) {
            Map<String, String> attributes = new TreeMap<>();
            split(link.getAttributes(), attributes, new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
            StringBuilder state = new StringBuilder();
            link.getSpanContext().getTraceState().forEach((k, v) -> state.append(state.length() > 0 ? "," : "").append(k).append('=').append(v));
            links.add(link.getSpanContext().getTraceId() + " " + link.getSpanContext().getSpanId() + " "
                    + emptyToNull(state.toString()) + " " + attributes);
        }
        return new StoredSpan(span.getTraceId(), span.getSpanId(),
                span.getParentSpanContext().isValid() ? span.getParentSpanId() : null, span.getName(),
                span.getKind().name().toLowerCase(Locale.ROOT), SERVICE, span.getStartEpochNanos(), span.getEndEpochNanos(),
                span.getEndEpochNanos() - span.getStartEpochNanos(), span.getStatus().getStatusCode().name().toLowerCase(Locale.ROOT),
                emptyToNull(span.getStatus().getDescription()), text, ints, doubles, bools, resourceText, resourceInts,
                span.getInstrumentationScopeInfo().getName(), span.getInstrumentationScopeInfo().getVersion(), events, links);
    }

    /** Every attribute as text, and the non-string ones again in their typed map. */
    private static void split(Attributes attributes, Map<String, String> text, Map<String, String> ints,
            Map<String, String> doubles, Map<String, String> bools) {
        attributes.forEach((AttributeKey<?> key, Object value) -> {
            text.put(key.getKey(), String.valueOf(value));
            switch (key.getType()) {
                case LONG -> ints.put(key.getKey(), String.valueOf(value));
                case DOUBLE -> doubles.put(key.getKey(), String.valueOf(value));
                case BOOLEAN -> bools.put(key.getKey(), String.valueOf(value));
                default -> { }
            }
        });
    }

    private static List<String> storedEvents(String json) {
        List<String> out = new ArrayList<>();
        if (json != null) {
            for (JsonNode event : DuckDbParts.parse(json)) {
                out.add(event.get("ts").asLong() + " " + event.get("name").asText() + " "
                        + DuckDbParts.textMap(event.get("attributes").isNull() ? null : event.get("attributes").toString()));
            }
        }
        return out;
    }

    private static List<String> storedLinks(String json) {
        List<String> out = new ArrayList<>();
        if (json != null) {
            for (JsonNode link : DuckDbParts.parse(json)) {
                String state = link.path("trace_state").isTextual() ? emptyToNull(link.get("trace_state").asText()) : null;
                out.add(link.get("trace_id").asText() + " " + link.get("span_id").asText() + " " + state + " "
                        + DuckDbParts.textMap(link.get("attributes").isNull() ? null : link.get("attributes").toString()));
            }
        }
        return out;
    }

    /** Lower case without the OTLP enum prefix: SPAN_KIND_SERVER, Server and server are one kind. */
    private static String normalise(String value, String prefix) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return !prefix.isEmpty() && lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static void assertExported(String what, CompletableResultCode result) {
        result.join(EXPORT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).as("%s exported (failure: %s)", what, result.getFailureThrowable()).isTrue();
    }
}
