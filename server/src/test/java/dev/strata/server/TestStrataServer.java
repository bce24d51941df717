package dev.strata.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.server.testing.StoreBackedServer;
import dev.strata.server.testing.TestingServer;
import dev.strata.server.warmup.WarmUpResult;
import dev.strata.spi.error.StrataException;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real HTTP/1.1 and h2c connections from the JDK client, with fake backends. */
final class TestStrataServer {
    private final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final HttpClient h2c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    @Test
    void readyAnswers503UntilTheStoreIsOpenThen200() throws Exception {
        try (TestingServer server = new TestingServer(Map.of())) {
            for (String path : new String[] {"/ready", "/-/ready"}) {
                HttpResponse<String> before = get(server, path);
                assertThat(before.statusCode()).isEqualTo(503);
            }
            HttpResponse<String> write = post(server, "/api/v1/write", "application/x-protobuf", new byte[] {1});
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.headers().firstValue("retry-after")).hasValue("1");
            assertThat(server.ingest().calls()).isEmpty();

            server.openBackend();
            for (String path : new String[] {"/ready", "/-/ready"}) {
                HttpResponse<String> after = get(server, path);
                assertThat(after.statusCode()).isEqualTo(200);
                assertThat(after.body()).isEqualTo("ready\n");
            }
        }
    }

    @Test
    void queryApiWarmUpSkipsAFactoryThatReturnsTheServingStore() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            assertThat(server.server().isReady()).isTrue();
            WarmUpResult result = server.server().queryApiWarmUp().get(30, TimeUnit.SECONDS);
            assertThat(result.skipped()).isNotEmpty();
            assertThat(server.store().samples()).isEmpty();
            assertThat(server.store().flushes()).isZero();
            assertThat(server.store().closes()).isZero();
        }
    }

    @Test
    void queryApiWarmUpAnswersEveryRequestFromAThrowAwayStoreAndLeavesUsersDataAlone(@TempDir Path dir) throws Exception {
        try (StoreBackedServer server = new StoreBackedServer(dir, Map.of("promql.warm-up", "500ms"))) {
            // ready as soon as the store is open: the warm-up runs afterwards, on a worker
            assertThat(server.server().isReady()).isTrue();
            WarmUpResult result = server.server().queryApiWarmUp().get(60, TimeUnit.SECONDS);

            assertThat(result.skipped()).isEmpty();
            assertThat(result.requests()).isPositive();
            assertThat(result.failures()).isZero();
            assertThat(server.get("/api/v1/labels", null).body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
            assertThat(server.get("/api/v1/label/__name__/values", "other").body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        }
    }

    @Test
    void writeWarmUpSendsRemoteWritesThroughTheRealPipelineIntoAThrowAwayStoreOnly(@TempDir Path dir) throws Exception {
        try (StoreBackedServer server = new StoreBackedServer(dir, Map.of("server.write-warm-up", "3s"))) {
            assertThat(server.server().isReady()).isTrue();
            WarmUpResult result = server.server().writeWarmUp().get(60, TimeUnit.SECONDS);

            assertThat(result.skipped()).isEmpty();
            assertThat(result.requests()).isPositive();
            assertThat(result.failures()).isZero();
            // none of it reached the users' store
            assertThat(server.get("/api/v1/labels", null).body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
            assertThat(server.get("/api/v1/label/__name__/values", null).body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        }
    }

    @Test
    void writeWarmUpSkipsAFactoryThatReturnsTheServingStore() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            WarmUpResult result = server.server().writeWarmUp().get(30, TimeUnit.SECONDS);
            assertThat(result.skipped()).isNotEmpty();
            assertThat(server.store().closes()).isZero();
            assertThat(server.ingest().calls()).isEmpty();
        }
    }

    @Test
    void flushCallsTheStore() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            HttpResponse<String> response = post(server, "/flush", "", new byte[0]);
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(response.body()).isEmpty();
            assertThat(server.store().flushes()).isEqualTo(1);

            assertThat(get(server, "/flush").statusCode()).isEqualTo(405);
            assertThat(server.store().flushes()).isEqualTo(1);
        }
    }

    @Test
    void shutdownSequenceClosesTheStoreOnceAndStopsServing() throws Exception {
        TestingServer server = TestingServer.ready();
        int port = server.httpPort();
        server.close();
        assertThat(server.store().closes()).isEqualTo(1);
        assertThat(server.server().isReady()).isFalse();
        server.server().close(); // idempotent, as a second SIGTERM would be
        assertThat(server.store().closes()).isEqualTo(1);
        try {
            http1.send(HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/ready")).build(),
                    BodyHandlers.ofString());
            org.assertj.core.api.Assertions.fail("the listener should be closed");
        } catch (IOException expected) {
            // connection refused
        }
    }

    @Test
    void shutdownLetsInFlightWritesFinishBeforeClosingTheStore() throws Exception {
        TestingServer server = TestingServer.ready();
        java.util.concurrent.CountDownLatch inIngest = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger storeClosesSeenByWrite = new java.util.concurrent.atomic.AtomicInteger(-1);
        server.ingest().answer(() -> {
            inIngest.countDown();
            try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            storeClosesSeenByWrite.set(server.store().closes());
            return new IngestOutcome(1, 0, null);
        });
        var inFlight = http1.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/write"))
                .POST(BodyPublishers.ofByteArray(new byte[] {1})).build(), BodyHandlers.ofString());
        assertThat(inIngest.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

        Thread shutdown = new Thread(server::close, "test-sigterm");
        shutdown.start();
        release.countDown();
        assertThat(inFlight.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        shutdown.join(10_000);
        assertThat(shutdown.isAlive()).isFalse();
        assertThat(storeClosesSeenByWrite.get()).isZero();
        assertThat(server.store().closes()).isEqualTo(1);
    }

    @Test
    void remoteWritePassesBodyHeadersAndTenantToIngest() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            byte[] body = {0x0a, 0x01, 0x02, (byte) 0xff};
            HttpResponse<String> response = send(server, HttpRequest.newBuilder(server.uri("/api/v1/write"))
                    .header("Content-Type", "application/x-protobuf;proto=prometheus.WriteRequest")
                    .header("Content-Encoding", "snappy")
                    .header("X-Scope-OrgID", "team-a")
                    .POST(BodyPublishers.ofByteArray(body)));
            assertThat(response.statusCode()).isEqualTo(204);
            var call = server.ingest().lastCall();
            assertThat(call.protocol()).isEqualTo("remote_write");
            assertThat(call.tenant()).isEqualTo("team-a");
            assertThat(call.request().contentType()).isEqualTo("application/x-protobuf;proto=prometheus.WriteRequest");
            assertThat(call.request().contentEncoding()).isEqualTo("snappy");
            assertThat(call.request().body()).containsExactly(body);
        }
    }

    @Test
    void gzipBodiesReachIngestStillCompressed() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
                gzip.write("{\"streams\":[]}".getBytes(StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = send(server, HttpRequest.newBuilder(server.uri("/loki/api/v1/push"))
                    .header("Content-Type", "application/json")
                    .header("Content-Encoding", "gzip")
                    .POST(BodyPublishers.ofByteArray(compressed.toByteArray())));
            assertThat(response.statusCode()).isEqualTo(204);
            assertThat(server.ingest().lastCall().request().encoding()).isEqualTo("gzip");
            assertThat(server.ingest().lastCall().request().body()).containsExactly(compressed.toByteArray());
        }
    }

    @Test
    void missingTenantHeaderMeansTheDefaultTenant() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            assertThat(post(server, "/loki/api/v1/push", "application/json", "{}".getBytes(StandardCharsets.UTF_8))
                    .statusCode()).isEqualTo(204);
            assertThat(server.ingest().lastCall().tenant()).isEqualTo("fake");
            assertThat(server.ingest().lastCall().protocol()).isEqualTo("loki_push");
        }
    }

    @Test
    void invalidTenantIsRefusedWith400BeforeIngest() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            for (String tenant : new String[] {"..", "a/b", "a|b", "x".repeat(151)}) {
                HttpResponse<String> response = send(server, HttpRequest.newBuilder(server.uri("/loki/api/v1/push"))
                        .header("Content-Type", "application/json")
                        .header("X-Scope-OrgID", tenant)
                        .POST(BodyPublishers.ofString("{}")));
                assertThat(response.statusCode()).as(tenant).isEqualTo(400);
                assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
            }
            assertThat(server.ingest().calls()).isEmpty();
        }
    }

    @Test
    void ingestErrorsGetEachProtocolsStatusAndEnvelope() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            server.ingest().answer(() -> {
                throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "snappy: corrupt input");
            });
            HttpResponse<String> remoteWrite = post(server, "/api/v1/write", "application/x-protobuf", new byte[] {7});
            assertThat(remoteWrite.statusCode()).isEqualTo(400);
            assertThat(remoteWrite.body()).isEqualTo("snappy: corrupt input\n");

            server.ingest().answer(() -> {
                throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported content type text/csv");
            });
            HttpResponse<String> loki = post(server, "/loki/api/v1/push", "text/csv", new byte[] {7});
            assertThat(loki.statusCode()).isEqualTo(415);
            assertThat(loki.body()).isEqualTo("unsupported content type text/csv\n");

            HttpResponse<byte[]> otlp = postBytes(server, "/v1/traces", "application/x-protobuf", new byte[] {7});
            assertThat(otlp.statusCode()).isEqualTo(415);
            assertThat(otlp.headers().firstValue("content-type")).hasValue("application/x-protobuf");
            Status status = Status.parseFrom(otlp.body());
            assertThat(status.getCode()).isEqualTo(Code.INVALID_ARGUMENT_VALUE);
            assertThat(status.getMessage()).isEqualTo("unsupported content type text/csv");

            server.ingest().answer(() -> {
                throw new StrataException(IngestErrorCode.LIMIT_EXCEEDED, "too many series");
            });
            HttpResponse<String> otlpJson = post(server, "/v1/logs", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(otlpJson.statusCode()).isEqualTo(429);
            assertThat(otlpJson.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(otlpJson.body()).isEqualTo("{\"code\":8,\"message\":\"too many series\"}");
        }
    }

    @Test
    void handlerFailureIs500InTheApisEnvelopeAndTheServerKeepsServing() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            server.ingest().answer(() -> {
                throw new IllegalStateException("boom");
            });
            HttpResponse<String> response = post(server, "/api/v1/write", "application/x-protobuf", new byte[] {7});
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).startsWith("internal error: java.lang.IllegalStateException: boom");

            HttpResponse<byte[]> otlp = postBytes(server, "/v1/metrics", "application/x-protobuf", new byte[] {7});
            assertThat(otlp.statusCode()).isEqualTo(500);
            assertThat(Status.parseFrom(otlp.body()).getCode()).isEqualTo(Code.INTERNAL_VALUE);

            assertThat(get(server, "/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void partialRejectionsFollowEachProtocol() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            server.ingest().answer(() -> new IngestOutcome(8, 2, "sample too old"));
            HttpResponse<String> remoteWrite = post(server, "/api/v1/write", "application/x-protobuf", new byte[] {7});
            assertThat(remoteWrite.statusCode()).isEqualTo(400);
            assertThat(remoteWrite.body()).isEqualTo("sample too old\n");

            HttpResponse<byte[]> protobuf = postBytes(server, "/v1/traces", "application/x-protobuf", new byte[] {7});
            assertThat(protobuf.statusCode()).isEqualTo(200);
            ExportTraceServiceResponse traces = ExportTraceServiceResponse.parseFrom(protobuf.body());
            assertThat(traces.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
            assertThat(traces.getPartialSuccess().getErrorMessage()).isEqualTo("sample too old");

            HttpResponse<String> json = post(server, "/v1/logs", "application/json", "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).isEqualTo(
                    "{\"partialSuccess\":{\"rejectedLogRecords\":\"2\",\"errorMessage\":\"sample too old\"}}");
        }
    }

    @Test
    void otlpSuccessAnswersInTheRequestsEncoding() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder()
                            .addSpans(Span.newBuilder().setName("checkout")
                                    .setTraceId(ByteString.copyFrom(new byte[16]))
                                    .setSpanId(ByteString.copyFrom(new byte[8])))))
                    .build();
            HttpResponse<byte[]> protobuf = postBytes(server, "/v1/traces", "application/x-protobuf",
                    request.toByteArray());
            assertThat(protobuf.statusCode()).isEqualTo(200);
            assertThat(protobuf.headers().firstValue("content-type")).hasValue("application/x-protobuf");
            assertThat(ExportTraceServiceResponse.parseFrom(protobuf.body()).hasPartialSuccess()).isFalse();
            assertThat(server.ingest().lastCall().request().body()).containsExactly(request.toByteArray());

            HttpResponse<String> json = post(server, "/otlp/v1/logs", "application/json; charset=utf-8",
                    "{\"resourceLogs\":[]}".getBytes(StandardCharsets.UTF_8));
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.body()).isEqualTo("{}");
            assertThat(ExportLogsServiceResponse.parseFrom(new byte[0]).hasPartialSuccess()).isFalse();
            assertThat(server.ingest().lastCall().protocol()).isEqualTo("otlp_logs");
            assertThat(server.ingest().lastCall().request().mediaType()).isEqualTo("application/json");
        }
    }

    @Test
    void bodyOverTheLimitIs413InTheApisEnvelope() throws Exception {
        try (TestingServer server = TestingServer.ready(Map.of("server.max-body-bytes", "1KiB"))) {
            byte[] big = new byte[4096];
            HttpResponse<String> remoteWrite = post(server, "/api/v1/write", "application/x-protobuf", big);
            assertThat(remoteWrite.statusCode()).isEqualTo(413);
            assertThat(remoteWrite.body()).isEqualTo("request body too large: the limit is 1024 bytes\n");

            HttpResponse<String> otlpJson = post(server, "/v1/traces", "application/json", big);
            assertThat(otlpJson.statusCode()).isEqualTo(413);
            assertThat(otlpJson.body()).isEqualTo(
                    "{\"code\":3,\"message\":\"request body too large: the limit is 1024 bytes\"}");

            HttpResponse<String> fits = post(server, "/api/v1/write", "application/x-protobuf", new byte[1024]);
            assertThat(fits.statusCode()).isEqualTo(204);
            assertThat(server.ingest().calls()).hasSize(1);
        }
    }

    @Test
    void unknownRoutesAre404InTheEnvelopeOfTheirApi() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            HttpResponse<String> plain = get(server, "/nope");
            assertThat(plain.statusCode()).isEqualTo(404);
            assertThat(plain.body()).isEqualTo("404 page not found\n");

            HttpResponse<String> prometheus = get(server, "/api/v1/status/flags");
            assertThat(prometheus.statusCode()).isEqualTo(404);
            assertThat(prometheus.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(prometheus.body()).isEqualTo(
                    "{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"404 page not found\"}");
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnectionAndH2cUpgradeWorks() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            for (int i = 0; i < 20; i++) {
                assertThat(post(server, "/api/v1/write", "application/x-protobuf", new byte[] {(byte) i}).statusCode())
                        .isEqualTo(204);
            }
            assertThat(server.ingest().calls()).hasSize(20);

            HttpResponse<String> upgraded = h2c.send(HttpRequest.newBuilder(server.uri("/ready")).build(),
                    BodyHandlers.ofString());
            assertThat(upgraded.statusCode()).isEqualTo(200);
            assertThat(upgraded.version()).isEqualTo(HttpClient.Version.HTTP_2);
            HttpResponse<String> onH2 = h2c.send(HttpRequest.newBuilder(server.uri("/api/v1/write"))
                    .header("X-Scope-OrgID", "h2-tenant")
                    .POST(BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build(), BodyHandlers.ofString());
            assertThat(onH2.statusCode()).isEqualTo(204);
            assertThat(onH2.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(server.ingest().lastCall().tenant()).isEqualTo("h2-tenant");
        }
    }

    private HttpResponse<String> get(TestingServer server, String path) throws Exception {
        return send(server, HttpRequest.newBuilder(server.uri(path)).GET());
    }

    private HttpResponse<String> post(TestingServer server, String path, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).POST(BodyPublishers.ofByteArray(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return send(server, request);
    }

    private HttpResponse<byte[]> postBytes(TestingServer server, String path, String contentType, byte[] body)
            throws Exception {
        return http1.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", contentType)
                .POST(BodyPublishers.ofByteArray(body)).build(), BodyHandlers.ofByteArray());
    }

    private HttpResponse<String> send(TestingServer server, HttpRequest.Builder request) throws Exception {
        return http1.send(request.build(), BodyHandlers.ofString());
    }
}
