package dev.strata.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.server.testing.TestingServer;
import dev.strata.spi.error.StrataException;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** OTLP/gRPC through grpc-java's own client against the real listener, with a fake ingest service. */
final class TestOtlpGrpcServices {
    private static final Metadata.Key<String> TENANT = Metadata.Key.of("X-Scope-OrgID", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    void exportsReachIngestAsTheBytesSentEvenGzipped() throws Exception {
        try (TestingServer server = TestingServer.ready(); Client client = new Client(server.grpcPort())) {
            ExportTraceServiceRequest traces = ExportTraceServiceRequest.newBuilder()
                    .addResourceSpans(ResourceSpans.newBuilder()
                            .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
                                    .setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("checkout"))))
                            .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder()
                                    .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                                    .setSpanId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                                    .setName("GET /cart"))))
                    .build();
            ExportTraceServiceResponse response = ClientCalls.blockingUnaryCall(client.channel,
                    OtlpGrpcServices.TRACES_EXPORT, CallOptions.DEFAULT.withCompression("gzip")
                            .withDeadlineAfter(10, TimeUnit.SECONDS), traces.toByteArray());
            assertThat(response.hasPartialSuccess()).isFalse();
            var call = server.ingest().lastCall();
            assertThat(call.protocol()).isEqualTo("otlp_traces");
            assertThat(call.tenant()).isEqualTo("fake");
            assertThat(call.request().contentType()).isEqualTo("application/x-protobuf");
            assertThat(call.request().contentEncoding()).isEmpty();
            assertThat(ExportTraceServiceRequest.parseFrom(call.request().body())).isEqualTo(traces);

            ExportLogsServiceRequest logs = ExportLogsServiceRequest.newBuilder()
                    .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                            .addLogRecords(LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("hi")))))
                    .build();
            ExportLogsServiceResponse logsResponse = ClientCalls.blockingUnaryCall(client.withTenant("team-b"),
                    OtlpGrpcServices.LOGS_EXPORT, CallOptions.DEFAULT, logs.toByteArray());
            assertThat(logsResponse.hasPartialSuccess()).isFalse();
            assertThat(server.ingest().lastCall().protocol()).isEqualTo("otlp_logs");
            assertThat(server.ingest().lastCall().tenant()).isEqualTo("team-b");
        }
    }

    @Test
    void partialSuccessIsReportedInTheResponse() throws Exception {
        try (TestingServer server = TestingServer.ready(); Client client = new Client(server.grpcPort())) {
            server.ingest().answer(() -> new IngestOutcome(5, 3, "histogram without buckets"));
            ExportMetricsServiceResponse response = ClientCalls.blockingUnaryCall(client.channel,
                    OtlpGrpcServices.METRICS_EXPORT, CallOptions.DEFAULT,
                    ExportMetricsServiceRequest.getDefaultInstance().toByteArray());
            assertThat(response.getPartialSuccess().getRejectedDataPoints()).isEqualTo(3);
            assertThat(response.getPartialSuccess().getErrorMessage()).isEqualTo("histogram without buckets");
        }
    }

    @Test
    void errorsMapToGrpcStatusCodes() throws Exception {
        try (TestingServer server = new TestingServer(Map.of("server.grpc-max-message-bytes", "1KiB"));
                Client client = new Client(server.grpcPort())) {
            assertThat(statusOf(client, client.channel, new byte[] {1})).isEqualTo(Status.Code.UNAVAILABLE);
            server.openBackend();

            server.ingest().answer(() -> {
                throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "truncated message");
            });
            assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(client.channel, OtlpGrpcServices.TRACES_EXPORT,
                    CallOptions.DEFAULT, new byte[] {1}))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                        assertThat(e.getStatus().getDescription()).isEqualTo("truncated message");
                    });

            server.ingest().answer(() -> {
                throw new StrataException(IngestErrorCode.LIMIT_EXCEEDED, "too many series");
            });
            assertThat(statusOf(client, client.channel, new byte[] {1})).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

            server.ingest().answer(() -> {
                throw new IllegalStateException("bug");
            });
            assertThat(statusOf(client, client.channel, new byte[] {1})).isEqualTo(Status.Code.INTERNAL);

            assertThat(statusOf(client, client.withTenant("../etc"), new byte[] {1}))
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);

            int callsBefore = server.ingest().calls().size();
            assertThat(statusOf(client, client.channel, new byte[2048])).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(server.ingest().calls()).hasSize(callsBefore);
        }
    }

    private static Status.Code statusOf(Client client, io.grpc.Channel channel, byte[] request) {
        try {
            ClientCalls.blockingUnaryCall(channel, OtlpGrpcServices.TRACES_EXPORT, CallOptions.DEFAULT, request);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }

    private static final class Client implements AutoCloseable {
        private final ManagedChannel channel;

        Client(int port) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        }

        io.grpc.Channel withTenant(String tenant) {
            Metadata headers = new Metadata();
            headers.put(TENANT, tenant);
            return io.grpc.ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
        }

        @Override
        public void close() throws InterruptedException {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
