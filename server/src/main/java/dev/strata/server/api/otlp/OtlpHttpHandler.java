package dev.strata.server.api.otlp;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.Message;
import dev.strata.ingest.IngestOutcome;
import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;

/**
 * OTLP/HTTP export ({@code POST /v1/traces}, {@code /v1/logs}, {@code /v1/metrics}): 200 with the
 * {@code Export*ServiceResponse} in the request's encoding, protobuf or JSON, carrying
 * {@code partial_success} when some items were rejected. Failures are encoded
 * {@code google.rpc.Status} (see {@link ErrorResponses#otlp}).
 */
public final class OtlpHttpHandler implements HttpHandler {
    private final IngestProtocol protocol;
    private final IngestGateway gateway;
    private final Tenants tenants;

    public OtlpHttpHandler(IngestProtocol protocol, IngestGateway gateway, Tenants tenants) {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        OtlpResponses.response(protocol, new IngestOutcome(0, 0, null)); // fails fast for a non-OTLP protocol
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        IngestOutcome outcome = gateway.ingest(protocol, tenants.writeTenant(request),
                request.toIngestRequest());
        Message response = OtlpResponses.response(protocol, outcome);
        if (ErrorResponses.isJson(request.contentType())) {
            return HttpResponse.of(200, HttpResponse.APPLICATION_JSON, OtlpResponses.toJson(response));
        }
        return HttpResponse.of(200, "application/x-protobuf", response.toByteArray());
    }
}
