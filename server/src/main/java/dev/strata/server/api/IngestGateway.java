package dev.strata.server.api;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.server.BackendSlot;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.spi.error.StrataException;

/**
 * The one path from every ingest endpoint (HTTP and gRPC) into the ingest service: refuses writes
 * until the store is ready, and counts accepted and rejected rows per protocol and tenant.
 * Thread-safe.
 */
public final class IngestGateway {
    private final BackendSlot backend;
    private final ServerMetrics metrics;

    public IngestGateway(BackendSlot backend, ServerMetrics metrics) {
        this.backend = requireNonNull(backend, "backend is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    /** Writes durably, or throws the {@link StrataException} the API maps to its error status. */
    public IngestOutcome ingest(IngestProtocol protocol, String tenant, IngestRequest request) {
        IngestOutcome outcome;
        try {
            outcome = protocol.send(backend.require().ingest(), tenant, request);
        } catch (StrataException e) {
            metrics.ingestRejected(protocol.label(), tenant, e.errorCode().name());
            throw e;
        }
        metrics.rowsIngested(protocol.label(), tenant, outcome.acceptedRows(), outcome.rejectedRows());
        return outcome;
    }
}
