package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.server.api.IngestGateway;
import dev.strata.server.api.IngestProtocol;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;

/**
 * {@code POST /api/v1/write}, Prometheus remote-write 1.0: 204 when every sample was kept. As
 * Prometheus's receiver does, samples refused individually (too old, say) do not undo the rest of
 * the batch, and the answer is then 400 with the reason, which senders do not retry.
 */
public final class RemoteWriteHandler implements HttpHandler {
    private final IngestGateway gateway;
    private final Tenants tenants;

    public RemoteWriteHandler(IngestGateway gateway, Tenants tenants) {
        this.gateway = requireNonNull(gateway, "gateway is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        IngestOutcome outcome = gateway.ingest(IngestProtocol.REMOTE_WRITE, tenants.writeTenant(request),
                request.toIngestRequest());
        if (outcome.isPartial()) {
            return ErrorResponses.plainText(400, rejectionMessage(outcome));
        }
        return HttpResponse.noContent();
    }

    /** The first rejection's reason, as Prometheus answers the first failing sample's error. */
    public static String rejectionMessage(IngestOutcome outcome) {
        if (outcome.firstRejection() != null) {
            return outcome.firstRejection();
        }
        return outcome.rejectedRows() + " of " + (outcome.acceptedRows() + outcome.rejectedRows())
                + " rows rejected, the rest were kept";
    }
}
