package dev.strata.server.api.loki;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.api.prometheus.RemoteWriteHandler;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;

/**
 * {@code POST /loki/api/v1/push}: 204 when every entry was kept. As Loki does, entries refused
 * individually (too old, out of retention) leave the rest stored and make the answer a 400 with
 * a plain-text reason.
 */
public final class LokiPushHandler implements HttpHandler {
    private final IngestGateway gateway;
    private final Tenants tenants;

    public LokiPushHandler(IngestGateway gateway, Tenants tenants) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        IngestOutcome outcome = gateway.ingest(IngestProtocol.LOKI_PUSH, tenants.writeTenant(request),
                request.toIngestRequest());
        if (outcome.isPartial()) {
            return ErrorResponses.plainText(400, RemoteWriteHandler.rejectionMessage(outcome));
        }
        return HttpResponse.noContent();
    }
}
