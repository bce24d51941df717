package dev.strata.ingest.promremote;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.Payloads;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remote write 1.0 end to end: content negotiation as Prometheus's receiver does it, snappy,
 * decoding, the write. Thread-safe.
 */
public final class RemoteWriteHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteWriteHandler.class);
    static final String MEDIA_TYPE = "application/x-protobuf";
    static final String PROTO_V1 = "prometheus.WriteRequest";
    /** Decompressed bodies up to this size reuse their thread's buffer; larger ones are one-off. */
    private static final int REUSED_BUFFER_BYTES = 4 << 20;

    private final TelemetryWriter writer;
    private final IngestLimits limits;
    private final InstantSource clock;
    private final RemoteWriteDecoder decoder;
    // per worker thread: a request's decompressed body is garbage once decoded (the decoder copies
    // what it keeps), and at ~300 KB a request it was the largest allocation on the path
    private final ThreadLocal<byte[]> bodyBuffers = new ThreadLocal<>();

    public RemoteWriteHandler(TelemetryWriter writer, IngestLimits limits, InstantSource clock) {
        this.writer = requireNonNull(writer, "writer is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.decoder = new RemoteWriteDecoder(limits);
    }

    public IngestOutcome handle(String tenant, IngestRequest request) {
        requireNonNull(tenant, "tenant is null");
        // An absent Content-Type or Content-Encoding means 1.0 + snappy, as Prometheus assumes.
        String mediaType = request.mediaType();
        if (!mediaType.isEmpty() && !mediaType.equals(MEDIA_TYPE)) {
            throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "expected " + MEDIA_TYPE + " as the first (media) part, got " + request.contentType() + " content-type");
        }
        String proto = request.contentTypeParameter("proto");
        if (proto != null && !proto.equals(PROTO_V1)) {
            throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    proto + " protobuf message is not accepted by this server; accepted [" + PROTO_V1 + "]");
        }
        String encoding = request.encoding();
        if (!encoding.isEmpty() && !encoding.equals("snappy")) {
            throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    encoding + " encoding (compression) is not accepted by this server; only snappy is acceptable");
        }
        if (request.body().length == 0) {
            throw new StrataException(IngestErrorCode.EMPTY_BODY, "empty remote write body");
        }
        int length = Payloads.snappyLength(request.body(), limits.maxDecompressedBytes());
        byte[] raw = bodyBuffer(length);
        Payloads.snappyInto(request.body(), raw, length);
        RemoteWriteDecoder.Result decoded = decoder.decode(raw, length);
        long maxAllowed = limits.maxTimestampMillis(clock.millis());
        if (decoded.maxTimestampMillis() > maxAllowed) {
            // Prometheus refuses the whole 1.0 request (out of bounds) so the sender does not retry it.
            throw new StrataException(IngestErrorCode.ROWS_REJECTED,
                    "out of bounds: sample timestamp " + decoded.maxTimestampMillis() + " is more than "
                            + limits.creationGracePeriod() + " in the future");
        }
        WriteResult written = decoded.batch().series().isEmpty() && decoded.batch().metadata().isEmpty()
                ? WriteResult.accepted(0)
                : writer.writeSamples(tenant, decoded.batch());
        if (decoded.skippedHistograms() > 0 || decoded.rejectedSamples() > 0) {
            LOG.debug("remote write partially kept [tenant={}, rejectedSamples={}, skippedHistograms={}, reason={}]",
                    tenant, decoded.rejectedSamples(), decoded.skippedHistograms(), decoded.firstRejection());
        }
        String first = decoded.firstRejection() != null ? decoded.firstRejection() : written.firstRejection();
        return new IngestOutcome(written.acceptedRows(), decoded.rejectedSamples() + written.rejectedRows(), first);
    }

    private byte[] bodyBuffer(int length) {
        byte[] buffer = bodyBuffers.get();
        if (buffer == null || buffer.length < length) {
            buffer = new byte[length];
            if (length <= REUSED_BUFFER_BYTES) {
                bodyBuffers.set(buffer);
            }
        }
        return buffer;
    }
}
