package dev.strata.ingest;

/**
 * Every ingest protocol, from request bytes to acknowledged writes. The HTTP and gRPC layers call
 * these after reading the whole body; each call decodes, validates, writes through the store and
 * returns once the write is durable. Thread-safe.
 *
 * <p>Bad input throws {@link dev.strata.spi.error.StrataException} with an {@link IngestErrorCode}
 * whose type and HTTP status the server maps to the protocol's own error response. Where the
 * original protocol keeps the valid part of a batch, so does this (the outcome says what was
 * dropped).
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
}
