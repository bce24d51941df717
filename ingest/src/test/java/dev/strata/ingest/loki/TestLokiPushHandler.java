package dev.strata.ingest.loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedOutputStream;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.RecordingWriter;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;

class TestLokiPushHandler {
    private static final long NOW_MS = 1_700_000_000_000L;
    private static final long NOW_NS = NOW_MS * 1_000_000;

    private final RecordingWriter writer = new RecordingWriter();
    private final LokiPushHandler handler =
            new LokiPushHandler(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static IngestRequest json(String body) {
        return new IngestRequest("application/json", "", utf8(body));
    }

    @Test
    void decodesJsonWithStructuredMetadata() {
        String body = """
                {"streams":[{"stream":{"service_name":"checkout","env":"prod"},
                  "values":[["1700000000123456789","payment ok",{"trace_id":"4BF92F3577B34DA6A3CE929D0E0E4736","user_id":"u42"}],
                            ["1700000000200000000","plain line – ünïcødé ✓"]]}]}""";

        IngestOutcome outcome = handler.handle("tenant-a", json(body));

        assertThat(outcome).isEqualTo(new IngestOutcome(2, 0, null));
        assertThat(writer.tenants).containsExactly("tenant-a");
        LogStream stream = writer.logs.get(0).streams().get(0);
        assertThat(stream.labels()).isEqualTo(Labels.of("service_name", "checkout", "env", "prod"));
        LogEntry first = stream.entries().get(0);
        assertThat(first.timestampNanos()).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(first.line()).isEqualTo("payment ok");
        assertThat(first.metadata()).isEqualTo(
                Labels.of("trace_id", "4BF92F3577B34DA6A3CE929D0E0E4736", "user_id", "u42"));
        assertThat(first.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(first.level()).isEqualTo("unknown");
        LogEntry second = stream.entries().get(1);
        assertThat(second.line()).isEqualTo("plain line – ünïcødé ✓");
        assertThat(second.metadata()).isEqualTo(Labels.EMPTY);
        assertThat(second.level()).isEqualTo("unknown");
    }

    @Test
    void valuesMayPrecedeTheStreamObject() {
        String body = "{\"streams\":[{\"values\":[[\"5\",\"x\"]],\"stream\":{\"app\":\"a\"}}],\"extra\":{\"k\":[1]}}";

        handler.handle("t", json(body));

        LogStream stream = writer.logs.get(0).streams().get(0);
        assertThat(stream.labels()).isEqualTo(Labels.of("app", "a", "service_name", "a"));
        assertThat(stream.entries().get(0).timestampNanos()).isEqualTo(5);
    }

    @Test
    void discoversServiceNameAsLoki3Does() {
        handler.handle("t", json("{\"streams\":[{\"stream\":{\"job\":\"varlogs\",\"container\":\"web\"},\"values\":[[\"1\",\"l\"]]},"
                + "{\"stream\":{\"foo\":\"bar\"},\"values\":[[\"1\",\"l\"]]}]}"));

        assertThat(writer.logs.get(0).streams()).extracting(s -> s.labels().get("service_name"))
                .containsExactly("web", "unknown_service");
    }

    @Test
    void gzipAndDeflateBodies() throws IOException {
        String body = "{\"streams\":[{\"stream\":{\"app\":\"a\"},\"values\":[[\"1\",\"level=error msg=boom\"]]}]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(utf8(body));
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated, new Deflater(6, true))) {
            out.write(utf8(body));
        }

        handler.handle("t", new IngestRequest("application/json", "gzip", gz.toByteArray()));
        handler.handle("t", new IngestRequest("application/json", "deflate", deflated.toByteArray()));

        assertThat(writer.logs).hasSize(2);
        assertThat(writer.logs.get(1).streams().get(0).entries().get(0).level()).isEqualTo("error");
    }

    @Test
    void decodesSnappyProtobuf() throws IOException {
        byte[] push = pushRequest("{app=\"api\", msg=\"say \\\"hi\\\"\\n\"}", 1_700_000_001L, 999_999_999,
                "WARN disk almost full", "pod", "p-1");

        IngestOutcome outcome = handler.handle("t", new IngestRequest("application/x-protobuf", "", Snappy.compress(push)));

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        LogStream stream = writer.logs.get(0).streams().get(0);
        assertThat(stream.labels()).isEqualTo(Labels.of("app", "api", "msg", "say \"hi\"\n", "service_name", "api"));
        LogEntry entry = stream.entries().get(0);
        assertThat(entry.timestampNanos()).isEqualTo(1_700_000_001_999_999_999L);
        assertThat(entry.line()).isEqualTo("WARN disk almost full");
        assertThat(entry.metadata()).isEqualTo(Labels.of("pod", "p-1"));
        assertThat(entry.level()).isEqualTo("warn");
    }

    @Test
    void protobufWithoutContentTypeAndGzipWrapped() throws IOException {
        byte[] snappy = Snappy.compress(pushRequest("{a=\"1\"}", 1, 0, "x"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(snappy);
        }

        handler.handle("t", new IngestRequest("", "", snappy));
        handler.handle("t", new IngestRequest("application/x-protobuf", "gzip", gz.toByteArray()));

        assertThat(writer.logs).hasSize(2);
    }

    @Test
    void keepsValidStreamsAndReportsTheFirstBadOne() throws IOException {
        String body = """
                {"streams":[
                  {"stream":{"app":"good"},"values":[["1","a"],["2","%s"],["%d","future"]]},
                  {"stream":{"bad-name":"x"},"values":[["1","a"],["2","b"]]},
                  {"stream":{},"values":[["1","a"]]},
                  {"stream":{"a":"1","a2":"2"},"values":[["3","kept"]]}
                ]}""".formatted("x".repeat(300 * 1024), NOW_NS + Duration.ofMinutes(11).toNanos());

        IngestOutcome outcome = handler.handle("t", json(body));

        assertThat(outcome.acceptedRows()).isEqualTo(2);
        assertThat(outcome.rejectedRows()).isEqualTo(5);
        assertThat(outcome.firstRejection()).startsWith("max entry size '262144' bytes exceeded");
        assertThat(writer.logs.get(0).streams()).extracting(s -> s.entries().size()).containsExactly(1, 1);
    }

    @Test
    void protobufStreamWithUnparsableLabelsIsDroppedAlone() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(1, stream("{app=\"ok\"}", 1, 0, "line"));
        out.writeByteArray(1, stream("{app=unquoted}", 1, 0, "line"));
        out.writeByteArray(1, stream("{app=\"a\", app=\"b\"}", 1, 0, "line"));
        out.flush();

        IngestOutcome outcome = handler.handle("t", new IngestRequest("", "", Snappy.compress(bytes.toByteArray())));

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(2);
        assertThat(outcome.firstRejection()).contains("error parsing labels {app=unquoted}");
    }

    @Test
    void refusesBadInput() throws IOException {
        assertError(json(""), IngestErrorCode.EMPTY_BODY);
        assertError(json("{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[1700000000,\"numbers are refused\"]]}]}"),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(json("{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"12x\",\"l\"]]}]}"),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(json("{\"streams\":[{\"stream\":{\"a\":1},\"values\":[]}]}"), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(json("{\"streams\":[ truncated"), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(json("[]"), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/json", "gzip", utf8("not gzip")), IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/json", "br", utf8("{}")), IngestErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertError(new IngestRequest("text/plain", "", utf8("hello")), IngestErrorCode.UNSUPPORTED_MEDIA_TYPE);
        assertError(new IngestRequest("application/x-protobuf", "", pushRequest("{a=\"1\"}", 1, 0, "x")),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertError(new IngestRequest("application/x-protobuf", "", Snappy.compress(new byte[] {0x0a, 0x05, 0x01})),
                IngestErrorCode.MALFORMED_PAYLOAD);
        assertThat(writer.writes()).isZero();
    }

    @Test
    void refusesOversizedBodies() throws IOException {
        IngestLimits small = new IngestLimits(100, 15, 1024, 2048, 1000, Duration.ZERO, 16);
        LokiPushHandler strict = new LokiPushHandler(writer, small, InstantSource.fixed(Instant.EPOCH));
        String body = "{\"streams\":[{\"stream\":{\"a\":\"1\"},\"values\":[[\"1\",\"" + "y".repeat(200) + "\"]]}]}";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(utf8(body));
        }

        assertThatThrownBy(() -> strict.handle("t", new IngestRequest("application/json", "gzip", gz.toByteArray())))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(IngestErrorCode.BODY_TOO_LARGE.toErrorCode()));
    }

    private void assertError(IngestRequest request, IngestErrorCode code) {
        assertThatThrownBy(() -> handler.handle("t", request))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(code.toErrorCode()));
    }

    static byte[] pushRequest(String labels, long seconds, int nanos, String line, String... metadata) {
        return message(out -> out.writeByteArray(1, stream(labels, seconds, nanos, line, metadata)));
    }

    static byte[] stream(String labels, long seconds, int nanos, String line, String... metadata) {
        return message(s -> {
            s.writeString(1, labels);
            s.writeByteArray(2, message(e -> {
                e.writeByteArray(1, message(ts -> {
                    ts.writeInt64(1, seconds);
                    ts.writeInt32(2, nanos);
                }));
                e.writeString(2, line);
                for (int i = 0; i < metadata.length; i += 2) {
                    String name = metadata[i];
                    String value = metadata[i + 1];
                    e.writeByteArray(3, message(m -> {
                        m.writeString(1, name);
                        m.writeString(2, value);
                    }));
                }
            }));
            s.writeUInt64(3, 12345);
        });
    }

    interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    static byte[] message(Body body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            body.write(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
