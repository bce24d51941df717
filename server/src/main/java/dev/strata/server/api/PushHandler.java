package dev.strata.server.api;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;

/**
 * {@code POST /api/v1/write} (Prometheus remote-write 1.0) and {@code POST /loki/api/v1/push}:
 * 204 when every row was kept. Both receivers answer a partly refused batch alike: rows refused
 * individually (too old, out of retention) do not undo the rest, and the answer is a 400 with a
 * plain-text reason, which senders do not retry.
 */
public final class PushHandler implements HttpHandler {
    private final IngestProtocol protocol;
    private final IngestGateway gateway;
    private final Tenants tenants;

    public PushHandler(IngestProtocol protocol, IngestGateway gateway, Tenants tenants) {
        this.protocol = requireNonNull(protocol, "protocol is null");
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        IngestOutcome outcome = gateway.ingest(protocol, tenants.writeTenant(request), request.toIngestRequest());
        if (outcome.isPartial()) {
            return ErrorResponses.plainText(400, rejectionMessage(outcome));
        }
        return HttpResponse.noContent();
    }

    /** The first rejection's reason, as Prometheus and Loki answer the first failing row's error. */
    static String rejectionMessage(IngestOutcome outcome) {
        if (outcome.firstRejection() != null) {
            return outcome.firstRejection();
        }
        return outcome.rejectedRows() + " of " + (outcome.acceptedRows() + outcome.rejectedRows())
                + " rows rejected, the rest were kept";
    }
}
