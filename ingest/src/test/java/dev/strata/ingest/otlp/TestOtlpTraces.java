package dev.strata.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.RecordingWriter;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.SpanRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class TestOtlpTraces {
    static final String TRACE = "5b8efff798038103d269b633813fc60c";
    static final String SPAN = "eee19b7ec3c1b174";
    static final String PARENT = "eee19b7ec3c1b173";

    private final RecordingWriter writer = new RecordingWriter();
    private final OtlpHandler handler =
            new OtlpHandler(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000)));

    static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }

    static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    static ByteString id(String hex) {
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static ExportTraceServiceRequest request() {
        Span span = Span.newBuilder()
                .setTraceId(id(TRACE)).setSpanId(id(SPAN)).setParentSpanId(id(PARENT))
                .setTraceState("k=v").setName("GET /cart").setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(1_700_000_000_000_000_001L).setEndTimeUnixNano(1_700_000_000_250_000_000L)
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom"))
                .addAttributes(kv("http.method", str("GET")))
                .addAttributes(kv("http.status_code", AnyValue.newBuilder().setIntValue(500).build()))
                .addAttributes(kv("ratio", AnyValue.newBuilder().setDoubleValue(0.25).build()))
                .addAttributes(kv("cached", AnyValue.newBuilder().setBoolValue(true).build()))
                .addAttributes(kv("tags", AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                        .addValues(str("a")).addValues(AnyValue.newBuilder().setIntValue(2))).build()))
                .addAttributes(kv("obj", AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                        .addValues(kv("k", str("v\"q")))).build()))
                .addAttributes(kv("raw", AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
                .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(1_700_000_000_100_000_000L)
                        .addAttributes(kv("exception.message", str("boom"))))
                .addLinks(Span.Link.newBuilder().setTraceId(id("0af7651916cd43dd8448eb211c80319c"))
                        .setSpanId(id("b7ad6b7169203331")).addAttributes(kv("link.kind", str("follows"))))
                .build();
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("cart")))
                                .addAttributes(kv("host.name", str("h1"))))
                        .addScopeSpans(ScopeSpans.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.http").setVersion("1.2"))
                                .addSpans(span)))
                .build();
    }

    @Test
    void mapsProtobufSpans() {
        IngestOutcome outcome = handler.traces("t", new IngestRequest("application/x-protobuf", "", request().toByteArray()));

        assertThat(outcome).isEqualTo(new IngestOutcome(1, 0, null));
        assertExpectedSpan(writer.spans.get(0).spans().get(0));
    }

    static void assertExpectedSpan(SpanRecord span) {
        assertThat(span.traceId()).isEqualTo(TRACE);
        assertThat(span.spanId()).isEqualTo(SPAN);
        assertThat(span.parentSpanId()).isEqualTo(PARENT);
        assertThat(span.traceState()).isEqualTo("k=v");
        assertThat(span.name()).isEqualTo("GET /cart");
        assertThat(span.kind()).isEqualTo("server");
        assertThat(span.serviceName()).isEqualTo("cart");
        assertThat(span.startNanos()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(span.endNanos()).isEqualTo(1_700_000_000_250_000_000L);
        assertThat(span.statusCode()).isEqualTo("error");
        assertThat(span.statusMessage()).isEqualTo("boom");
        assertThat(span.attributes()).containsEntry("http.method", AttributeValue.ofString("GET"))
                .containsEntry("http.status_code", AttributeValue.ofLong(500))
                .containsEntry("ratio", AttributeValue.ofDouble(0.25))
                .containsEntry("cached", AttributeValue.ofBool(true))
                .containsEntry("tags", AttributeValue.ofJson("[\"a\",2]"))
                .containsEntry("obj", AttributeValue.ofJson("{\"k\":\"v\\\"q\"}"))
                .containsEntry("raw", AttributeValue.ofBytes("aGk="));
        assertThat(span.resourceAttributes()).containsEntry("service.name", AttributeValue.ofString("cart"))
                .containsEntry("host.name", AttributeValue.ofString("h1"));
        assertThat(span.scopeName()).isEqualTo("io.opentelemetry.http");
        assertThat(span.scopeVersion()).isEqualTo("1.2");
        assertThat(span.events()).hasSize(1);
        assertThat(span.events().get(0).name()).isEqualTo("exception");
        assertThat(span.events().get(0).timestampNanos()).isEqualTo(1_700_000_000_100_000_000L);
        assertThat(span.events().get(0).attributes()).containsEntry("exception.message", AttributeValue.ofString("boom"));
        assertThat(span.links()).hasSize(1);
        assertThat(span.links().get(0).traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(span.links().get(0).spanId()).isEqualTo("b7ad6b7169203331");
        assertThat(span.links().get(0).attributes()).containsEntry("link.kind", AttributeValue.ofString("follows"));
    }

    /** OTLP/JSON as the spec writes it: hex ids, enums as integers, 64-bit integers as strings. */
    static final String JSON = """
            {"resourceSpans":[{"resource":{"attributes":[
                {"key":"service.name","value":{"stringValue":"cart"}},
                {"key":"host.name","value":{"stringValue":"h1"}}]},
              "scopeSpans":[{"scope":{"name":"io.opentelemetry.http","version":"1.2"},
                "spans":[{"traceId":"5B8EFFF798038103D269B633813FC60C","spanId":"eee19b7ec3c1b174",
                  "parentSpanId":"eee19b7ec3c1b173","traceState":"k=v","name":"GET /cart","kind":2,
                  "startTimeUnixNano":"1700000000000000001","endTimeUnixNano":1700000000250000000,
                  "attributes":[
                    {"key":"http.method","value":{"stringValue":"GET"}},
                    {"key":"http.status_code","value":{"intValue":"500"}},
                    {"key":"ratio","value":{"doubleValue":0.25}},
                    {"key":"cached","value":{"boolValue":true}},
                    {"key":"tags","value":{"arrayValue":{"values":[{"stringValue":"a"},{"intValue":2}]}}},
                    {"key":"obj","value":{"kvlistValue":{"values":[{"key":"k","value":{"stringValue":"v\\"q"}}]}}},
                    {"key":"raw","value":{"bytesValue":"aGk="}}],
                  "events":[{"timeUnixNano":"1700000000100000000","name":"exception",
                    "attributes":[{"key":"exception.message","value":{"stringValue":"boom"}}]}],
                  "links":[{"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331",
                    "attributes":[{"key":"link.kind","value":{"stringValue":"follows"}}]}],
                  "status":{"code":2,"message":"boom"},
                  "futureField":{"ignored":true}}]}]}]}""";

    @Test
    void mapsOtlpJsonWithHexIds() {
        handler.traces("t", new IngestRequest("application/json", "", JSON.getBytes(StandardCharsets.UTF_8)));

        assertExpectedSpan(writer.spans.get(0).spans().get(0));
    }

    @Test
    void mapsGzipBodiesAndParsedMessages() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(JSON.getBytes(StandardCharsets.UTF_8));
        }
        handler.traces("t", new IngestRequest("application/json", "gzip", gz.toByteArray()));
        handler.traces("t", request());

        assertExpectedSpan(writer.spans.get(0).spans().get(0));
        assertExpectedSpan(writer.spans.get(1).spans().get(0));
    }

    @Test
    void defaultsServiceNameAndKeepsValidSpansOfAPartialBatch() {
        Span good = Span.newBuilder().setTraceId(id(TRACE)).setSpanId(id(SPAN)).setName("ok").build();
        Span zeroTrace = good.toBuilder().setTraceId(ByteString.copyFrom(new byte[16])).setName("zero").build();
        Span shortSpan = good.toBuilder().setSpanId(ByteString.copyFrom(new byte[4])).setName("short").build();
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                        .addSpans(zeroTrace).addSpans(good).addSpans(shortSpan)))
                .build();

        IngestOutcome outcome = handler.traces("t", request);

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(2);
        assertThat(outcome.firstRejection()).contains("\"zero\"").contains("invalid trace id");
        SpanRecord span = writer.spans.get(0).spans().get(0);
        assertThat(span.serviceName()).isEqualTo("unknown_service");
        assertThat(span.kind()).isEqualTo("unspecified");
        assertThat(span.statusCode()).isEqualTo("unset");
        assertThat(span.parentSpanId()).isNull();
        assertThat(span.scopeName()).isNull();
    }

    @Test
    void emptyProtobufBodyIsAnEmptyRequest() {
        IngestOutcome outcome = handler.traces("t", new IngestRequest("application/x-protobuf", "", new byte[0]));

        assertThat(outcome).isEqualTo(new IngestOutcome(0, 0, null));
        assertThat(writer.writes()).isZero();
    }

    @Test
    void refusesBadInput() {
        byte[] json = "{\"resourceSpans\":[".getBytes(StandardCharsets.UTF_8);
        assertError(new IngestRequest("application/json", "", json), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/json", "",
                "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz1\"}]}]}]}".getBytes(StandardCharsets.UTF_8)),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/json", "",
                "{\"resourceSpans\":{\"not\":\"a list\"}}".getBytes(StandardCharsets.UTF_8)), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/x-protobuf", "", new byte[] {0x0a, 0x10, 0x01}),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/x-protobuf", "gzip", new byte[] {1, 2, 3}), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/json", "", new byte[0]), IngestErrorCode.EMPTY_BODY);
        assertError(new IngestRequest("text/plain", "", new byte[] {1}), IngestErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertError(new IngestRequest("application/x-protobuf", "zstd", new byte[] {1}), IngestErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertThat(writer.writes()).isZero();
    }

    private void assertError(IngestRequest request, IngestErrorCode code) {
        assertThatThrownBy(() -> handler.traces("t", request)).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code.toErrorCode()));
    }
}
