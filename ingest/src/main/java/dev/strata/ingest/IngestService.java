package dev.strata.ingest;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Every ingest protocol, from request bytes to acknowledged writes. The HTTP and gRPC layers call
 * these after reading the whole body; each call decodes, validates, writes through the store and
 * returns once the write is durable. Thread-safe.
 *
 * <p>Bad input throws {@link dev.strata.spi.error.StrataException} with an {@link IngestErrorCode}
 * whose type and HTTP status the server maps to the protocol's own error response. Where the
 * original protocol keeps the valid part of a batch, so does this (the outcome says what was
 * dropped). How a partial outcome is answered depends on the protocol (docs/ingest.md):
 * remote write and Loki push answer 400 with {@link IngestOutcome#firstRejection()} as the
 * plain-text body (the valid rest is stored and the sender must not retry); OTLP answers 200 with
 * {@code partial_success} carrying {@link IngestOutcome#rejectedRows()} and the message.
 */
public interface IngestService {
    /** Prometheus remote_write 1.0: protobuf {@code WriteRequest}, snappy block-compressed. */
    IngestOutcome remoteWrite(String tenant, IngestRequest request);

    /** Loki push: JSON (optionally gzip) or protobuf {@code PushRequest} + snappy. */
    IngestOutcome lokiPush(String tenant, IngestRequest request);

    /** OTLP/HTTP traces: protobuf or JSON, optionally gzip. */
    IngestOutcome otlpTraces(String tenant, IngestRequest request);

    IngestOutcome otlpLogs(String tenant, IngestRequest request);

    IngestOutcome otlpMetrics(String tenant, IngestRequest request);

    /** OTLP traces already parsed (gRPC). The default re-encodes; implementations map directly. */
    default IngestOutcome otlpTraces(String tenant, ExportTraceServiceRequest request) {
        return otlpTraces(tenant, new IngestRequest("application/x-protobuf", "", request.toByteArray()));
    }

    default IngestOutcome otlpLogs(String tenant, ExportLogsServiceRequest request) {
        return otlpLogs(tenant, new IngestRequest("application/x-protobuf", "", request.toByteArray()));
    }

    default IngestOutcome otlpMetrics(String tenant, ExportMetricsServiceRequest request) {
        return otlpMetrics(tenant, new IngestRequest("application/x-protobuf", "", request.toByteArray()));
    }
}
