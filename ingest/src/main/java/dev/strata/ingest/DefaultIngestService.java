package dev.strata.ingest;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.loki.LokiPushHandler;
import dev.strata.ingest.otlp.OtlpHandler;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.promremote.RemoteWriteHandler;
import dev.strata.storage.write.TelemetryWriter;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.InstantSource;

/** The ingest service: one handler per protocol over one {@link TelemetryWriter}. Thread-safe. */
public final class DefaultIngestService implements IngestService {
    private final RemoteWriteHandler remoteWrite;
    private final LokiPushHandler loki;
    private final OtlpHandler otlp;

    public DefaultIngestService(TelemetryWriter writer, IngestLimits limits, InstantSource clock) {
        requireNonNull(writer, "writer is null");
        requireNonNull(limits, "limits is null");
        requireNonNull(clock, "clock is null");
        this.remoteWrite = new RemoteWriteHandler(writer, limits, clock);
        this.loki = new LokiPushHandler(writer, limits, clock);
        this.otlp = new OtlpHandler(writer, limits, clock);
    }

    @Override
    public IngestOutcome remoteWrite(String tenant, IngestRequest request) {
        return remoteWrite.handle(tenant, request);
    }

    @Override
    public IngestOutcome lokiPush(String tenant, IngestRequest request) {
        return loki.handle(tenant, request);
    }

    @Override
    public IngestOutcome otlpTraces(String tenant, IngestRequest request) {
        return otlp.traces(tenant, request);
    }

    @Override
    public IngestOutcome otlpLogs(String tenant, IngestRequest request) {
        return otlp.logs(tenant, request);
    }

    @Override
    public IngestOutcome otlpMetrics(String tenant, IngestRequest request) {
        return otlp.metrics(tenant, request);
    }

    @Override
    public IngestOutcome otlpTraces(String tenant, ExportTraceServiceRequest request) {
        return otlp.traces(tenant, request);
    }

    @Override
    public IngestOutcome otlpLogs(String tenant, ExportLogsServiceRequest request) {
        return otlp.logs(tenant, request);
    }

    @Override
    public IngestOutcome otlpMetrics(String tenant, ExportMetricsServiceRequest request) {
        return otlp.metrics(tenant, request);
    }
}
