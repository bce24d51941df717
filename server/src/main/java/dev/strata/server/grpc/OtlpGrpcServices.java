package dev.strata.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.api.otlp.OtlpResponses;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.Tenants;
import dev.strata.server.logging.RequestLogContext;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.spi.error.StrataException;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The three OTLP Export services ({@code opentelemetry.proto.collector.{trace,logs,metrics}.v1}),
 * defined by hand because opentelemetry-proto ships no gRPC stubs. Requests stay bytes: the ingest
 * service decodes them (as it does OTLP/HTTP bodies), so nothing is parsed twice; responses are
 * the official messages. Tenant ({@code x-scope-orgid}) and {@code traceparent} come from metadata.
 */
public final class OtlpGrpcServices {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpGrpcServices.class);

    public static final MethodDescriptor<byte[], ExportTraceServiceResponse> TRACES_EXPORT = unary(
            "opentelemetry.proto.collector.trace.v1.TraceService", ExportTraceServiceResponse.getDefaultInstance());
    public static final MethodDescriptor<byte[], ExportLogsServiceResponse> LOGS_EXPORT = unary(
            "opentelemetry.proto.collector.logs.v1.LogsService", ExportLogsServiceResponse.getDefaultInstance());
    public static final MethodDescriptor<byte[], ExportMetricsServiceResponse> METRICS_EXPORT = unary(
            "opentelemetry.proto.collector.metrics.v1.MetricsService", ExportMetricsServiceResponse.getDefaultInstance());

    private static final Metadata.Key<String> TENANT_HEADER =
            Metadata.Key.of(Tenants.HEADER, Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> TRACEPARENT_HEADER =
            Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> TENANT = Context.key("x-scope-orgid");
    private static final Context.Key<String> TRACEPARENT = Context.key("traceparent");

    private final IngestGateway gateway;
    private final Tenants tenants;
    private final ServerMetrics metrics;
    private final LongSupplier nanoTime;

    public OtlpGrpcServices(IngestGateway gateway, Tenants tenants, ServerMetrics metrics, LongSupplier nanoTime) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    public List<ServerServiceDefinition> services() {
        ServerInterceptor headers = new HeadersInterceptor();
        return List.of(
                ServerInterceptors.intercept(service(TRACES_EXPORT, IngestProtocol.OTLP_TRACES), headers),
                ServerInterceptors.intercept(service(LOGS_EXPORT, IngestProtocol.OTLP_LOGS), headers),
                ServerInterceptors.intercept(service(METRICS_EXPORT, IngestProtocol.OTLP_METRICS), headers));
    }

    private <R extends Message> ServerServiceDefinition service(MethodDescriptor<byte[], R> method,
            IngestProtocol protocol) {
        return ServerServiceDefinition.builder(method.getServiceName())
                .addMethod(method, ServerCalls.asyncUnaryCall(
                        (byte[] request, StreamObserver<R> response) -> export(method, protocol, request, response)))
                .build();
    }

    @SuppressWarnings("unchecked")
    private <R extends Message> void export(MethodDescriptor<byte[], R> method, IngestProtocol protocol,
            byte[] request, StreamObserver<R> response) {
        long started = nanoTime.getAsLong();
        Status status = Status.OK;
        try (RequestLogContext ignored = RequestLogContext.open(TRACEPARENT.get())) {
            String tenant = null;
            try {
                tenant = tenants.writeTenant(TENANT.get());
                IngestOutcome outcome = gateway.ingest(protocol, tenant,
                        new IngestRequest("application/x-protobuf", "", request));
                response.onNext((R) OtlpResponses.response(protocol, outcome));
                response.onCompleted();
            } catch (StrataException e) {
                int httpStatus = ErrorResponses.httpStatus(e.errorCode());
                status = Status.fromCodeValue(ErrorResponses.rpcCode(httpStatus).getNumber())
                        .withDescription(e.getMessage());
                LOG.debug("export rejected [method={}, tenant={}, code={}, reason={}]",
                        method.getFullMethodName(), tenant, e.errorCode().name(), e.getMessage());
                response.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                LOG.error("export failed [method={}, tenant={}]", method.getFullMethodName(), tenant, e);
                status = Status.INTERNAL.withDescription("internal error: " + e);
                response.onError(status.asRuntimeException());
            }
        } finally {
            metrics.requestCompleted(method.getFullMethodName(), status.getCode().name(),
                    nanoTime.getAsLong() - started);
        }
    }

    private static <R extends Message> MethodDescriptor<byte[], R> unary(String service, R responseDefault) {
        return MethodDescriptor.<byte[], R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, "Export"))
                .setRequestMarshaller(new BytesMarshaller())
                .setResponseMarshaller(ProtoUtils.marshaller(responseDefault))
                .build();
    }

    /** Passes a request message through as the bytes it arrived as (already decompressed by gRPC). */
    private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
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
    }

    /** Moves the tenant and trace headers into the call's context. */
    private static final class HeadersInterceptor implements ServerInterceptor {
        @Override
        public <Q, S> ServerCall.Listener<Q> interceptCall(ServerCall<Q, S> call, Metadata headers,
                ServerCallHandler<Q, S> next) {
            Context context = Context.current()
                    .withValue(TENANT, headers.get(TENANT_HEADER))
                    .withValue(TRACEPARENT, headers.get(TRACEPARENT_HEADER));
            return Contexts.interceptCall(context, call, headers, next);
        }
    }
}
