package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.Code;
import com.google.rpc.Status;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.ErrorType;
import dev.strata.spi.error.StandardErrorCode;
import dev.strata.spi.error.StrataException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class TestErrorResponses {
    @Test
    void ingestCodesGetTheStatusTheirProtocolsUse() {
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.MALFORMED_PAYLOAD.toErrorCode())).isEqualTo(400);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.EMPTY_BODY.toErrorCode())).isEqualTo(400);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.INVALID_LABELS.toErrorCode())).isEqualTo(400);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.ROWS_REJECTED.toErrorCode())).isEqualTo(400);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE.toErrorCode())).isEqualTo(415);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.BODY_TOO_LARGE.toErrorCode())).isEqualTo(413);
        assertThat(ErrorResponses.httpStatus(IngestErrorCode.LIMIT_EXCEEDED.toErrorCode())).isEqualTo(429);
        assertThat(ErrorResponses.httpStatus(ServerErrorCode.NOT_READY.toErrorCode())).isEqualTo(503);
        assertThat(ErrorResponses.httpStatus(ServerErrorCode.INVALID_TENANT.toErrorCode())).isEqualTo(400);
        assertThat(ErrorResponses.httpStatus(StandardErrorCode.STORAGE_IO_ERROR.toErrorCode())).isEqualTo(500);
        assertThat(ErrorResponses.httpStatus(StandardErrorCode.GENERIC_INTERNAL_ERROR.toErrorCode())).isEqualTo(500);
        // a code of a module the server does not know falls back to its type
        assertThat(ErrorResponses.httpStatus(new ErrorCode(0x0500_0001, "PROMQL_X", ErrorType.USER_ERROR))).isEqualTo(400);
    }

    @Test
    void prometheusEnvelopeCarriesErrorTypeAndItsStatus() {
        HttpResponse response = ErrorResponses.from(new StrataException(StandardErrorCode.INVALID_ARGUMENT,
                "parse error at char 4: unexpected \"}\""), ApiFlavour.PROMETHEUS, "");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 4: unexpected \\\"}\\\"\"}");

        assertPrometheus(StandardErrorCode.EXCEEDED_TIME_LIMIT, 503, "timeout");
        assertPrometheus(StandardErrorCode.EXCEEDED_ROW_LIMIT, 422, "execution");
        assertPrometheus(StandardErrorCode.QUERY_CANCELLED, 499, "canceled");
        assertPrometheus(StandardErrorCode.NOT_FOUND, 404, "not_found");
        assertPrometheus(ServerErrorCode.NOT_READY, 503, "unavailable");
        assertPrometheus(StandardErrorCode.GENERIC_INTERNAL_ERROR, 500, "internal");
    }

    @Test
    void lokiAndRemoteWriteAnswerPlainText() {
        HttpResponse response = ErrorResponses.from(new StrataException(IngestErrorCode.INVALID_LABELS,
                "invalid label name \"1x\""), ApiFlavour.LOKI, "application/json");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("invalid label name \"1x\"\n");
    }

    @Test
    void otlpAnswersStatusInTheRequestsEncoding() throws Exception {
        StrataException error = new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "bad span id");
        HttpResponse protobuf = ErrorResponses.from(error, ApiFlavour.OTLP, "application/x-protobuf");
        assertThat(protobuf.status()).isEqualTo(400);
        assertThat(protobuf.contentType()).isEqualTo("application/x-protobuf");
        assertThat(Status.parseFrom(protobuf.body()))
                .isEqualTo(Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("bad span id").build());

        HttpResponse json = ErrorResponses.from(error, ApiFlavour.OTLP, "application/json; charset=utf-8");
        assertThat(json.contentType()).isEqualTo("application/json");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"code\":3,\"message\":\"bad span id\"}");
    }

    @Test
    void rpcCodesFollowTheGrpcHttpMapping() {
        assertThat(ErrorResponses.rpcCode(400)).isEqualTo(Code.INVALID_ARGUMENT);
        assertThat(ErrorResponses.rpcCode(413)).isEqualTo(Code.INVALID_ARGUMENT);
        assertThat(ErrorResponses.rpcCode(415)).isEqualTo(Code.INVALID_ARGUMENT);
        assertThat(ErrorResponses.rpcCode(429)).isEqualTo(Code.RESOURCE_EXHAUSTED);
        assertThat(ErrorResponses.rpcCode(503)).isEqualTo(Code.UNAVAILABLE);
        assertThat(ErrorResponses.rpcCode(504)).isEqualTo(Code.DEADLINE_EXCEEDED);
        assertThat(ErrorResponses.rpcCode(500)).isEqualTo(Code.INTERNAL);
    }

    @Test
    void unknownPathsTakeTheFlavourOfTheirApi() {
        assertThat(ApiFlavour.forPath("/api/v1/query")).isEqualTo(ApiFlavour.PROMETHEUS);
        assertThat(ApiFlavour.forPath("/api/v1/write")).isEqualTo(ApiFlavour.PROMETHEUS_REMOTE_WRITE);
        assertThat(ApiFlavour.forPath("/loki/api/v1/tail")).isEqualTo(ApiFlavour.LOKI);
        assertThat(ApiFlavour.forPath("/v1/profiles")).isEqualTo(ApiFlavour.OTLP);
        assertThat(ApiFlavour.forPath("/api/search")).isEqualTo(ApiFlavour.PLAIN);
    }

    private static void assertPrometheus(dev.strata.spi.error.ErrorCodeSupplier code, int status, String errorType) {
        HttpResponse response = ErrorResponses.from(new StrataException(code, "x"), ApiFlavour.PROMETHEUS, "");
        assertThat(response.status()).as(code.toString()).isEqualTo(status);
        assertThat(new String(response.body(), StandardCharsets.UTF_8))
                .contains("\"errorType\":\"" + errorType + "\"");
    }
}
