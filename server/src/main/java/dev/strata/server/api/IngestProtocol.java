package dev.strata.server.api;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.IngestService;

/** The ingest protocols, as labelled in metrics, and the ingest call each one makes. */
public enum IngestProtocol {
    REMOTE_WRITE("remote_write"),
    LOKI_PUSH("loki_push"),
    OTLP_TRACES("otlp_traces"),
    OTLP_LOGS("otlp_logs"),
    OTLP_METRICS("otlp_metrics");

    private final String label;

    IngestProtocol(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    IngestOutcome send(IngestService ingest, String tenant, IngestRequest request) {
        return switch (this) {
            case REMOTE_WRITE -> ingest.remoteWrite(tenant, request);
            case LOKI_PUSH -> ingest.lokiPush(tenant, request);
            case OTLP_TRACES -> ingest.otlpTraces(tenant, request);
            case OTLP_LOGS -> ingest.otlpLogs(tenant, request);
            case OTLP_METRICS -> ingest.otlpMetrics(tenant, request);
        };
    }
}
