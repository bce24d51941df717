package dev.strata.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTLP traces, logs and metrics, from HTTP bodies (protobuf or JSON, optionally gzip) or from
 * messages the gRPC server already parsed. Rows refused individually come back in the outcome,
 * which the caller turns into OTLP's {@code partial_success}. Thread-safe.
 */
public final class OtlpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpHandler.class);

    private final TelemetryWriter writer;
    private final IngestLimits limits;
    private final InstantSource clock;
    private final OtlpPayloads payloads;
    private final OtlpTraceMapper traces;
    private final OtlpLogMapper logs;
    private final OtlpMetricMapper metrics;

    public OtlpHandler(TelemetryWriter writer, IngestLimits limits, InstantSource clock) {
        this.writer = requireNonNull(writer, "writer is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        AnyValues values = new AnyValues();
        this.payloads = new OtlpPayloads(limits);
        this.traces = new OtlpTraceMapper(values);
        this.logs = new OtlpLogMapper(values, limits);
        this.metrics = new OtlpMetricMapper(values, limits);
    }

    public IngestOutcome traces(String tenant, IngestRequest request) {
        return traces(tenant, payloads.parse(request, ExportTraceServiceRequest.parser(), ExportTraceServiceRequest::newBuilder));
    }

    public IngestOutcome logs(String tenant, IngestRequest request) {
        return logs(tenant, payloads.parse(request, ExportLogsServiceRequest.parser(), ExportLogsServiceRequest::newBuilder));
    }

    public IngestOutcome metrics(String tenant, IngestRequest request) {
        return metrics(tenant, payloads.parse(request, ExportMetricsServiceRequest.parser(), ExportMetricsServiceRequest::newBuilder));
    }

    public IngestOutcome traces(String tenant, ExportTraceServiceRequest request) {
        requireNonNull(tenant, "tenant is null");
        OtlpTraceMapper.Mapped mapped = traces.map(request);
        WriteResult written = mapped.batch().spans().isEmpty() ? WriteResult.accepted(0)
                : writer.writeSpans(tenant, mapped.batch());
        return outcome("traces", tenant, written, mapped.rejected(), mapped.firstRejection());
    }

    public IngestOutcome logs(String tenant, ExportLogsServiceRequest request) {
        requireNonNull(tenant, "tenant is null");
        long nowMillis = clock.millis();
        long maxMillis = limits.maxTimestampMillis(nowMillis);
        long maxNanos = maxMillis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : maxMillis * 1_000_000;
        OtlpLogMapper.Mapped mapped = logs.map(request, nowMillis * 1_000_000, maxNanos);
        WriteResult written = mapped.batch().streams().isEmpty() ? WriteResult.accepted(0)
                : writer.writeLogs(tenant, mapped.batch());
        return outcome("logs", tenant, written, mapped.rejected(), mapped.firstRejection());
    }

    public IngestOutcome metrics(String tenant, ExportMetricsServiceRequest request) {
        requireNonNull(tenant, "tenant is null");
        OtlpMetricMapper.Mapped mapped = metrics.map(request);
        boolean empty = mapped.batch().series().isEmpty() && mapped.batch().metadata().isEmpty();
        WriteResult written = empty ? WriteResult.accepted(0) : writer.writeSamples(tenant, mapped.batch());
        return outcome("metrics", tenant, written, mapped.rejected(), mapped.firstRejection());
    }

    private static IngestOutcome outcome(String signal, String tenant, WriteResult written, long rejected, String first) {
        if (rejected > 0) {
            LOG.debug("otlp partially kept [signal={}, tenant={}, rejected={}, reason={}]", signal, tenant, rejected, first);
        }
        String reason = first != null ? first : written.firstRejection();
        return new IngestOutcome(written.acceptedRows(), rejected + written.rejectedRows(), reason);
    }
}
