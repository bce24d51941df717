package dev.strata.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.strata.engine.EngineErrorCode;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorType;
import dev.strata.spi.error.StandardErrorCode;
import dev.strata.spi.error.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The one place where error categories become status codes and error bodies, per API flavour:
 * Prometheus's JSON envelope ({@code web/api/v1/api.go}), the plain-text reasons of Prometheus's
 * remote-write receiver and of Loki ({@code http.Error}), and OTLP/HTTP's encoded
 * {@code google.rpc.Status}. The gRPC service derives its status codes from {@link #rpcCode}.
 */
public final class ErrorResponses {
    private static final JsonFactory JSON = new JsonFactory();
    /** Long enough for a store to finish opening or a queue to drain; short enough not to stall senders. */
    private static final String RETRY_AFTER_SECONDS = "1";
    private static final JsonFormat.Printer PROTO_JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    /** Codes whose status is not the default of their {@link ErrorType}. */
    private static final Map<ErrorCode, Integer> STATUS_BY_CODE = Map.ofEntries(
            Map.entry(IngestErrorCode.MALFORMED_PAYLOAD.toErrorCode(), 400),
            Map.entry(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE.toErrorCode(), 415),
            Map.entry(IngestErrorCode.EMPTY_BODY.toErrorCode(), 400),
            Map.entry(IngestErrorCode.INVALID_LABELS.toErrorCode(), 400),
            Map.entry(IngestErrorCode.ROWS_REJECTED.toErrorCode(), 400),
            Map.entry(IngestErrorCode.BODY_TOO_LARGE.toErrorCode(), 413),
            Map.entry(IngestErrorCode.LIMIT_EXCEEDED.toErrorCode(), 429),
            Map.entry(StandardErrorCode.NOT_FOUND.toErrorCode(), 404),
            Map.entry(StandardErrorCode.QUERY_CANCELLED.toErrorCode(), 499),
            Map.entry(StandardErrorCode.EXCEEDED_TIME_LIMIT.toErrorCode(), 504),
            Map.entry(ServerErrorCode.INVALID_TENANT.toErrorCode(), 400),
            Map.entry(ServerErrorCode.NOT_READY.toErrorCode(), 503),
            Map.entry(ServerErrorCode.OVERLOADED.toErrorCode(), 503));

    private ErrorResponses() {}

    /** The HTTP status of an error in an ingest or plain API (Loki, remote-write, OTLP). */
    public static int httpStatus(ErrorCode code) {
        Integer status = STATUS_BY_CODE.get(code);
        if (status != null) {
            return status;
        }
        return switch (code.type()) {
            case USER_ERROR -> 400;
            case INSUFFICIENT_RESOURCES -> 429;
            case INTERNAL_ERROR, EXTERNAL -> 500;
        };
    }

    /** Prometheus's {@code errorType} for an error code. */
    public static String prometheusErrorType(ErrorCode code) {
        if (code.equals(StandardErrorCode.NOT_FOUND.toErrorCode())) {
            return "not_found";
        }
        if (code.equals(StandardErrorCode.QUERY_CANCELLED.toErrorCode())) {
            return "canceled";
        }
        if (code.equals(StandardErrorCode.EXCEEDED_TIME_LIMIT.toErrorCode())
                || code.equals(EngineErrorCode.QUERY_TIMEOUT.toErrorCode())) {
            return "timeout";
        }
        if (code.equals(EngineErrorCode.QUERY_CANCELLED.toErrorCode())) {
            return "canceled";
        }
        if (code.equals(ServerErrorCode.NOT_READY.toErrorCode()) || code.equals(ServerErrorCode.OVERLOADED.toErrorCode())) {
            return "unavailable";
        }
        return switch (code.type()) {
            case USER_ERROR -> "bad_data";
            case INSUFFICIENT_RESOURCES -> "execution";
            case INTERNAL_ERROR, EXTERNAL -> "internal";
        };
    }

    /** Prometheus's status for an {@code errorType} ({@code getDefaultErrorCode}). */
    public static int prometheusStatus(String errorType) {
        return switch (errorType) {
            case "bad_data" -> 400;
            case "execution" -> 422;
            case "canceled" -> 499;
            case "timeout", "unavailable" -> 503;
            case "not_found" -> 404;
            case "not_acceptable" -> 406;
            default -> 500;
        };
    }

    /**
     * The error response of {@code flavour} for a categorised failure. Retryable statuses (429,
     * 503) carry {@code Retry-After}, which OTLP exporters and Prometheus's sender honour.
     */
    public static HttpResponse from(StrataException exception, ApiFlavour flavour, String requestContentType) {
        ErrorCode code = exception.errorCode();
        if (flavour == ApiFlavour.PROMETHEUS) {
            String errorType = prometheusErrorType(code);
            return withRetryAfter(prometheus(prometheusStatus(errorType), errorType, exception.getMessage()));
        }
        return withRetryAfter(error(flavour, httpStatus(code), exception.getMessage(), requestContentType));
    }

    private static HttpResponse withRetryAfter(HttpResponse response) {
        if (response.status() != 429 && response.status() != 503) {
            return response;
        }
        Map<String, String> headers = new HashMap<>(response.headers());
        headers.put("Retry-After", RETRY_AFTER_SECONDS);
        return new HttpResponse(response.status(), response.contentType(), response.body(), headers);
    }

    /** The error response of {@code flavour} for a status decided by the transport (404, 405, 413, 500). */
    public static HttpResponse error(ApiFlavour flavour, int status, String message, String requestContentType) {
        return switch (flavour) {
            case PROMETHEUS -> prometheus(status, prometheusErrorType(status), message);
            case PROMETHEUS_REMOTE_WRITE, LOKI, PLAIN -> plainText(status, message);
            case OTLP -> otlp(status, message, isJson(requestContentType));
        };
    }

    /** {@code {"status":"error","errorType":...,"error":...}} with the given status. */
    public static HttpResponse prometheus(int status, String errorType, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + message.length());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("status", "error");
            json.writeStringField("errorType", errorType);
            json.writeStringField("error", message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(status, HttpResponse.APPLICATION_JSON, out.toByteArray());
    }

    /** As Go's {@code http.Error}: the message and a newline, as text. */
    public static HttpResponse plainText(int status, String message) {
        return new HttpResponse(status, HttpResponse.TEXT_PLAIN, (message + "\n").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Content-Type-Options", "nosniff"));
    }

    /** An OTLP/HTTP failure: {@code google.rpc.Status} encoded as the request was (JSON or protobuf). */
    public static HttpResponse otlp(int status, String message, boolean json) {
        Status body = Status.newBuilder().setCode(rpcCode(status).getNumber()).setMessage(message).build();
        if (!json) {
            return HttpResponse.of(status, "application/x-protobuf", body.toByteArray());
        }
        try {
            return HttpResponse.of(status, HttpResponse.APPLICATION_JSON,
                    PROTO_JSON.print(body).getBytes(StandardCharsets.UTF_8));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("google.rpc.Status has no JSON form", e);
        }
    }

    /** The gRPC code that corresponds to an HTTP status (the gRPC HTTP-mapping, inverted for the codes we emit). */
    public static Code rpcCode(int httpStatus) {
        return switch (httpStatus) {
            case 400, 413, 415 -> Code.INVALID_ARGUMENT;
            case 401 -> Code.UNAUTHENTICATED;
            case 403 -> Code.PERMISSION_DENIED;
            case 404 -> Code.NOT_FOUND;
            case 405 -> Code.UNIMPLEMENTED;
            case 429 -> Code.RESOURCE_EXHAUSTED;
            case 499 -> Code.CANCELLED;
            case 503 -> Code.UNAVAILABLE;
            case 504 -> Code.DEADLINE_EXCEEDED;
            default -> httpStatus >= 400 && httpStatus < 500 ? Code.FAILED_PRECONDITION : Code.INTERNAL;
        };
    }

    public static boolean isJson(String contentType) {
        return HttpRequest.mediaType(contentType).equals("application/json");
    }

    private static String prometheusErrorType(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 406 -> "not_acceptable";
            case 422 -> "execution";
            case 499 -> "canceled";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "bad_data";
        };
    }
}
