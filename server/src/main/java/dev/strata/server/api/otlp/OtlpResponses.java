package dev.strata.server.api.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.strata.ingest.IngestOutcome;
import dev.strata.server.api.IngestProtocol;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsPartialSuccess;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceResponse;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.nio.charset.StandardCharsets;

/**
 * The {@code Export*ServiceResponse} of an OTLP export: {@code partial_success} is left unset when
 * everything was kept, and otherwise carries the number of rejected spans, log records or data
 * points with the first reason.
 */
public final class OtlpResponses {
    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private OtlpResponses() {}

    public static ExportTraceServiceResponse traces(IngestOutcome outcome) {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (outcome.isPartial()) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(outcome.rejectedRows())
                    .setErrorMessage(reason(outcome)));
        }
        return response.build();
    }

    public static ExportLogsServiceResponse logs(IngestOutcome outcome) {
        ExportLogsServiceResponse.Builder response = ExportLogsServiceResponse.newBuilder();
        if (outcome.isPartial()) {
            response.setPartialSuccess(ExportLogsPartialSuccess.newBuilder()
                    .setRejectedLogRecords(outcome.rejectedRows())
                    .setErrorMessage(reason(outcome)));
        }
        return response.build();
    }

    public static ExportMetricsServiceResponse metrics(IngestOutcome outcome) {
        ExportMetricsServiceResponse.Builder response = ExportMetricsServiceResponse.newBuilder();
        if (outcome.isPartial()) {
            response.setPartialSuccess(ExportMetricsPartialSuccess.newBuilder()
                    .setRejectedDataPoints(outcome.rejectedRows())
                    .setErrorMessage(reason(outcome)));
        }
        return response.build();
    }

    /** The response for an OTLP signal; {@code protocol} must be one of the three OTLP protocols. */
    public static Message response(IngestProtocol protocol, IngestOutcome outcome) {
        return switch (protocol) {
            case OTLP_TRACES -> traces(outcome);
            case OTLP_LOGS -> logs(outcome);
            case OTLP_METRICS -> metrics(outcome);
            case REMOTE_WRITE, LOKI_PUSH -> throw new IllegalArgumentException("not an OTLP protocol: " + protocol);
        };
    }

    /** The protobuf JSON mapping ({@code {}} for full success; 64-bit counts as strings). */
    public static byte[] toJson(Message message) {
        try {
            return JSON.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("OTLP responses always have a JSON form", e);
        }
    }

    private static String reason(IngestOutcome outcome) {
        return outcome.firstRejection() == null ? "" : outcome.firstRejection();
    }
}
