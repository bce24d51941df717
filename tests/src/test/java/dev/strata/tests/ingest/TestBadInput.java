package dev.strata.tests.ingest;

import static org.assertj.core.api.Assertions.assertThat;


import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import dev.strata.tests.harness.DuckDbParts;
import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.LokiPushEncoder;
import dev.strata.tests.wire.RemoteWriteEncoder;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every kind of bad input of every ingest protocol (malformed protobuf and JSON, bad snappy and
 * gzip framing, invalid label names, empty and oversized bodies, wrong content types) is refused
 * with the protocol's 4xx and a message; the server keeps serving, and after {@code POST /flush}
 * DuckDB sees the data stored before, unchanged, and nothing else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestBadInput {
    private static final String TENANT = "bad-input";
    /** Above every default body limit the protocols document (OTLP recommends 64 MiB). */
    private static final int OVERSIZED_BYTES = 70 << 20;
    /** A length-delimited field 1 whose length runs past the end: no protobuf parser accepts it. */
    private static final byte[] MALFORMED_PROTOBUF = {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x01};
    private static final byte[] NOT_SNAPPY = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00, 0x17};
    private static final Set<Integer> BAD_REQUEST = Set.of(400);
    private static final Set<Integer> TOO_LARGE = Set.of(413);
    private static final Set<Integer> UNSUPPORTED = Set.of(415);

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(120));
    private StrataProcess strata;

    @AfterAll
    void stopServer() {
        if (strata != null) {
            strata.close();
        }
    }

    /** One bad request and the statuses its protocol answers it with. */
    record BadRequest(String name, String path, Map<String, String> headers, byte[] body, Set<Integer> statuses) {
        @Override
        public String toString() {
            return name;
        }
    }

    @Test
    void everyBadInputIsRefusedAndNothingStoredChanges() {
        strata = StrataProcess.start("bad-input");
        long nowMs = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
        storeBaseline(nowMs);
        strata.flush();
        Map<String, String> before = fingerprint();
        assertThat(before).containsKeys("samples", "series", "logs");

        List<String> failures = new ArrayList<>();
        for (BadRequest bad : badRequests(nowMs)) {
            try {
                LoopbackHttp.Response response = http.post(strata.uri(bad.path()), bad.headers(), bad.body());
                if (!bad.statuses().contains(response.status())) {
                    failures.add(bad + ": expected HTTP " + bad.statuses() + ", got " + response);
                } else {
                    String problem = bodyProblem(bad, response);
                    if (problem != null) {
                        failures.add(bad + ": HTTP " + response.status() + " " + problem);
                    }
                }
            } catch (IOException e) {
                failures.add(bad + ": no HTTP answer: " + e);
            }
            if (!strata.isReady()) {
                failures.add(bad + ": server no longer ready");
                break;
            }
        }
        failures.addAll(badGrpcExports());
        assertThat(failures).as("bad requests not refused as their protocol does").isEmpty();

        strata.flush();
        assertThat(fingerprint()).as("stored data after the bad requests").isEqualTo(before);
    }

    /**
     * What is wrong with an error body, or null: remote write and Loki answer a plain-text
     * message; OTLP/HTTP a {@code google.rpc.Status} with code 3 (INVALID_ARGUMENT), encoded as
     * JSON when the request was JSON and as protobuf otherwise.
     */
    private static String bodyProblem(BadRequest bad, LoopbackHttp.Response response) {
        if (!bad.path().startsWith("/v1/")) {
            String type = response.headers().getOrDefault("content-type", List.of("")).get(0);
            if (!type.startsWith("text/plain")) {
                return "error body of type '" + type + "', expected text/plain";
            }
            return response.text().isBlank() ? "without a message" : null;
        }
        long code;
        String message;
        if (bad.headers().getOrDefault("Content-Type", "").equals("application/json")) {
            JsonNode status = DuckDbParts.parse(response.text());
            code = status.path("code").asLong(-1);
            message = status.path("message").asText("");
        } else {
            try {
                UnknownFieldSet status = UnknownFieldSet.parseFrom(response.body());
                code = status.hasField(1) ? status.getField(1).getVarintList().get(0) : 0;
                message = status.hasField(2) ? status.getField(2).getLengthDelimitedList().get(0).toStringUtf8() : "";
            } catch (InvalidProtocolBufferException e) {
                return "body is not a protobuf google.rpc.Status: " + response.text();
            }
        }
        if (code != 3 || message.isBlank()) {
            return "google.rpc.Status code " + code + " message '" + message + "', expected code 3 with a message";
        }
        return null;
    }

    /** Malformed protobuf to each OTLP gRPC Export method: INVALID_ARGUMENT, nothing stored. */
    private List<String> badGrpcExports() {
        List<String> failures = new ArrayList<>();
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-scope-orgid", Metadata.ASCII_STRING_MARSHALLER), TENANT);
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", strata.otlpGrpcPort(),
                InsecureChannelCredentials.create()).build();
        try {
            Channel withTenant = ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(headers));
            for (String service : List.of("trace.v1.TraceService", "logs.v1.LogsService", "metrics.v1.MetricsService")) {
                MethodDescriptor<byte[], byte[]> export = MethodDescriptor.<byte[], byte[]>newBuilder()
                        .setType(MethodDescriptor.MethodType.UNARY)
                        .setFullMethodName("opentelemetry.proto.collector." + service + "/Export")
                        .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
                try {
                    ClientCalls.blockingUnaryCall(withTenant, export,
                            CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), MALFORMED_PROTOBUF);
                    failures.add("gRPC " + service + " malformed protobuf: accepted");
                } catch (StatusRuntimeException e) {
                    if (e.getStatus().getCode() != Status.Code.INVALID_ARGUMENT) {
                        failures.add("gRPC " + service + " malformed protobuf: expected INVALID_ARGUMENT, got " + e.getStatus());
                    }
                }
            }
        } finally {
            channel.shutdownNow();
        }
        return failures;
    }

    private void storeBaseline(long nowMs) {
        Map<String, String> rwHeaders = withTenant(RemoteWriteEncoder.headers());
        byte[] samples = RemoteWriteEncoder.body(List.of(
                new RemoteWriteEncoder.Series(Map.of("__name__", "e2e_baseline", "k", "a"),
                        List.of(new RemoteWriteEncoder.Sample(nowMs, 1.5), new RemoteWriteEncoder.Sample(nowMs + 1_000, 2.5))),
                new RemoteWriteEncoder.Series(Map.of("__name__", "e2e_baseline", "k", "b"),
                        List.of(new RemoteWriteEncoder.Sample(nowMs, -3)))),
                List.of(new RemoteWriteEncoder.Metadata(RemoteWriteEncoder.TYPE_GAUGE, "e2e_baseline", "Baseline gauge.", "")));
        assertThat(http.postOrFail(strata.uri("/api/v1/write"), rwHeaders, samples).status()).isEqualTo(204);
        byte[] lines = LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(Map.of("app", "baseline"), List.of(
                new LokiPushEncoder.Entry(nowMs * 1_000_000 + 1, "baseline one", Map.of("k", "v")),
                new LokiPushEncoder.Entry(nowMs * 1_000_000 + 2, "baseline two", Map.of())))));
        assertThat(http.postOrFail(strata.uri("/loki/api/v1/push"), LokiPushEncoder.jsonHeaders(TENANT), lines).status())
                .isEqualTo(204);
    }

    /** Row count and an order-independent hash of every row, per table with parts. */
    private Map<String, String> fingerprint() {
        Map<String, String> out = new TreeMap<>();
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            for (String table : List.of("samples", "series", "logs", "spans")) {
                if (duck.hasParts(table)) {
                    out.put(table, duck.query("SELECT count(*), sum(hash(t)::HUGEINT)::VARCHAR FROM " + duck.table(table) + " t",
                            row -> row.getLong(1) + " rows, hash " + row.getString(2)).get(0));
                }
            }
        }
        return out;
    }

    private List<BadRequest> badRequests(long nowMs) {
        List<BadRequest> out = new ArrayList<>();
        String rw = "/api/v1/write";
        Map<String, String> rwHeaders = withTenant(RemoteWriteEncoder.headers());
        out.add(new BadRequest("remote_write malformed protobuf", rw, rwHeaders, RemoteWriteEncoder.snappy(MALFORMED_PROTOBUF), BAD_REQUEST));
        out.add(new BadRequest("remote_write bad snappy", rw, rwHeaders, NOT_SNAPPY, BAD_REQUEST));
        out.add(new BadRequest("remote_write label name starting with a digit", rw, rwHeaders,
                oneSeries(Map.of("__name__", "e2e_bad", "0bad", "x"), nowMs), BAD_REQUEST));
        out.add(new BadRequest("remote_write label name with a dash", rw, rwHeaders,
                oneSeries(Map.of("__name__", "e2e_bad", "bad-name", "x"), nowMs), BAD_REQUEST));
        out.add(new BadRequest("remote_write series without a metric name", rw, rwHeaders,
                oneSeries(Map.of("job", "x"), nowMs), BAD_REQUEST));
        out.add(new BadRequest("remote_write empty body", rw, rwHeaders, new byte[0], BAD_REQUEST));
        out.add(new BadRequest("remote_write JSON content type", rw, withTenant(Map.of("Content-Type", "application/json",
                "Content-Encoding", "snappy")), oneSeries(Map.of("__name__", "e2e_bad"), nowMs), UNSUPPORTED));
        out.add(new BadRequest("remote_write gzip content encoding", rw, withTenant(Map.of("Content-Type", "application/x-protobuf",
                "Content-Encoding", "gzip")), LokiPushEncoder.gzip(RemoteWriteEncoder.encode(List.of(
                        new RemoteWriteEncoder.Series(Map.of("__name__", "e2e_bad"), List.of(new RemoteWriteEncoder.Sample(nowMs, 1)))),
                        List.of())), UNSUPPORTED));
        out.add(new BadRequest("remote_write 2.0 message", rw, withTenant(Map.of("Content-Type",
                "application/x-protobuf;proto=io.prometheus.write.v2.Request", "Content-Encoding", "snappy",
                "X-Prometheus-Remote-Write-Version", "2.0.0")), oneSeries(Map.of("__name__", "e2e_bad"), nowMs), UNSUPPORTED));
        out.add(new BadRequest("remote_write sample an hour in the future", rw, rwHeaders,
                oneSeries(Map.of("__name__", "e2e_bad"), System.currentTimeMillis() + 3_600_000L), BAD_REQUEST));
        out.add(new BadRequest("remote_write oversized body", rw, rwHeaders,
                oneSeries(Map.of("__name__", "e2e_bad", "big", randomText(OVERSIZED_BYTES)), nowMs), TOO_LARGE));

        String push = "/loki/api/v1/push";
        long ns = nowMs * 1_000_000;
        out.add(new BadRequest("loki malformed JSON", push, LokiPushEncoder.jsonHeaders(TENANT),
                utf8("{\"streams\":[{\"stream\":{\"app\":\"bad\"},\"values\":[[\"1\",\"x\"]"), BAD_REQUEST));
        out.add(new BadRequest("loki JSON timestamp as a number", push, LokiPushEncoder.jsonHeaders(TENANT),
                utf8("{\"streams\":[{\"stream\":{\"app\":\"bad\"},\"values\":[[" + ns + ",\"x\"]]}]}"), BAD_REQUEST));
        out.add(new BadRequest("loki bad gzip", push, LokiPushEncoder.gzipJsonHeaders(TENANT), utf8("{\"streams\":[]} not gzip"), BAD_REQUEST));
        out.add(new BadRequest("loki bad snappy", push, LokiPushEncoder.protobufHeaders(TENANT), NOT_SNAPPY, BAD_REQUEST));
        out.add(new BadRequest("loki malformed protobuf", push, LokiPushEncoder.protobufHeaders(TENANT),
                RemoteWriteEncoder.snappy(MALFORMED_PROTOBUF), BAD_REQUEST));
        out.add(new BadRequest("loki JSON invalid label name", push, LokiPushEncoder.jsonHeaders(TENANT),
                LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(Map.of("0bad", "x"),
                        List.of(new LokiPushEncoder.Entry(ns, "bad labels", Map.of()))))), BAD_REQUEST));
        out.add(new BadRequest("loki protobuf unparsable label text", push, LokiPushEncoder.protobufHeaders(TENANT),
                RemoteWriteEncoder.snappy(lokiProtobufWithLabelText("{app=\"unterminated", ns)), BAD_REQUEST));
        out.add(new BadRequest("loki protobuf empty label set", push, LokiPushEncoder.protobufHeaders(TENANT),
                RemoteWriteEncoder.snappy(lokiProtobufWithLabelText("{}", ns)), BAD_REQUEST));
        out.add(new BadRequest("loki entry an hour in the future", push, LokiPushEncoder.jsonHeaders(TENANT),
                LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(Map.of("app", "bad"), List.of(new LokiPushEncoder.Entry(
                        (System.currentTimeMillis() + 3_600_000L) * 1_000_000L, "from the future", Map.of()))))), BAD_REQUEST));
        out.add(new BadRequest("loki brotli content encoding", push, withTenant(Map.of("Content-Type", "application/json",
                "Content-Encoding", "br")), utf8("{\"streams\":[]}"), UNSUPPORTED));
        out.add(new BadRequest("loki empty JSON body", push, LokiPushEncoder.jsonHeaders(TENANT), new byte[0], BAD_REQUEST));
        out.add(new BadRequest("loki text/plain content type", push, withTenant(Map.of("Content-Type", "text/plain")),
                utf8("just a line"), UNSUPPORTED));
        out.add(new BadRequest("loki oversized body", push, LokiPushEncoder.jsonHeaders(TENANT),
                LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(Map.of("app", "bad"),
                        List.of(new LokiPushEncoder.Entry(ns, randomText(OVERSIZED_BYTES), Map.of()))))), TOO_LARGE));

        for (String signal : List.of("traces", "logs", "metrics")) {
            String path = "/v1/" + signal;
            Map<String, String> proto = withTenant(Map.of("Content-Type", "application/x-protobuf"));
            Map<String, String> json = withTenant(Map.of("Content-Type", "application/json"));
            out.add(new BadRequest("OTLP " + signal + " malformed protobuf", path, proto, MALFORMED_PROTOBUF, BAD_REQUEST));
            out.add(new BadRequest("OTLP " + signal + " malformed JSON", path, json, utf8("{\"resource" + signal), BAD_REQUEST));
            out.add(new BadRequest("OTLP " + signal + " bad gzip", path,
                    withTenant(Map.of("Content-Type", "application/x-protobuf", "Content-Encoding", "gzip")), MALFORMED_PROTOBUF, BAD_REQUEST));
            out.add(new BadRequest("OTLP " + signal + " empty JSON body", path, json, new byte[0], BAD_REQUEST));
            out.add(new BadRequest("OTLP " + signal + " text/plain content type", path,
                    withTenant(Map.of("Content-Type", "text/plain")), utf8("{}"), UNSUPPORTED));
            out.add(new BadRequest("OTLP " + signal + " brotli content encoding", path,
                    withTenant(Map.of("Content-Type", "application/json", "Content-Encoding", "br")), utf8("{}"), UNSUPPORTED));
        }
        out.add(new BadRequest("OTLP traces id that is not hex", "/v1/traces", withTenant(Map.of("Content-Type", "application/json")),
                utf8("{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"zz\",\"spanId\":\"b7ad6b7169203331\","
                        + "\"name\":\"bad\",\"startTimeUnixNano\":\"" + ns + "\",\"endTimeUnixNano\":\"" + ns + "\"}]}]}]}"), BAD_REQUEST));
        String bigLog = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"" + ns
                + "\",\"body\":{\"stringValue\":\"" + randomText(OVERSIZED_BYTES) + "\"}}]}]}]}";
        out.add(new BadRequest("OTLP logs oversized body", "/v1/logs", withTenant(Map.of("Content-Type", "application/json")),
                utf8(bigLog), TOO_LARGE));
        return out;
    }

    private static byte[] oneSeries(Map<String, String> labels, long ms) {
        return RemoteWriteEncoder.body(List.of(new RemoteWriteEncoder.Series(labels, List.of(new RemoteWriteEncoder.Sample(ms, 1)))), List.of());
    }

    private static byte[] lokiProtobufWithLabelText(String labels, long ns) {
        return LokiPushEncoder.protobufWithLabelText(labels, List.of(new LokiPushEncoder.Entry(ns, "line", Map.of())));
    }

    /** Text that neither snappy nor gzip can shrink much (so "oversized" means the bytes on the wire too). */
    private static String randomText(int length) {
        java.util.Random random = new java.util.Random(length);
        char[] chars = new char[length];
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(chars);
    }

    private static Map<String, String> withTenant(Map<String, String> headers) {
        Map<String, String> out = new HashMap<>(headers);
        out.put("X-Scope-OrgID", TENANT);
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
