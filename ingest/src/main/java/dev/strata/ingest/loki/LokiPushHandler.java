package dev.strata.ingest.loki;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.Payloads;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loki push end to end. Content-Type {@code application/json} is JSON; absent or
 * {@code application/x-protobuf} is snappy-compressed protobuf, as Loki reads it.
 * {@code Content-Encoding: gzip|deflate} wraps either. Thread-safe.
 */
public final class LokiPushHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LokiPushHandler.class);

    private final TelemetryWriter writer;
    private final IngestLimits limits;
    private final InstantSource clock;
    private final LokiPushDecoder decoder = new LokiPushDecoder();

    public LokiPushHandler(TelemetryWriter writer, IngestLimits limits, InstantSource clock) {
        this.writer = requireNonNull(writer, "writer is null");
        this.limits = requireNonNull(limits, "limits is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public IngestOutcome handle(String tenant, IngestRequest request) {
        requireNonNull(tenant, "tenant is null");
        String mediaType = request.mediaType();
        boolean json = mediaType.equals("application/json");
        if (!json && !mediaType.isEmpty() && !mediaType.equals("application/x-protobuf")) {
            throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported Content-Type " + request.contentType() + "; use application/json or application/x-protobuf");
        }
        if (request.body().length == 0) {
            throw new StrataException(IngestErrorCode.EMPTY_BODY, "empty push request body");
        }
        long max = limits.maxDecompressedBytes();
        byte[] body = switch (request.encoding()) {
            case "", "identity" -> Payloads.identity(request.body(), max);
            case "gzip", "x-gzip" -> Payloads.gunzip(request.body(), max);
            case "deflate" -> Payloads.inflate(request.body(), max);
            // Protobuf bodies are snappy-compressed anyway; some clients also say so in the header.
            case "snappy" -> {
                if (json) {
                    yield Payloads.snappyBlock(request.body(), max);
                }
                yield request.body();
            }
            default -> throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding \"" + request.contentEncoding() + "\" not supported");
        };
        long maxMillis = limits.maxTimestampMillis(clock.millis());
        long maxNanos = maxMillis >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : maxMillis * 1_000_000;
        StreamCollector streams = new StreamCollector(limits, maxNanos);
        if (json) {
            decoder.decodeJson(body, streams);
        } else {
            decoder.decodeProtobuf(Payloads.snappyBlock(body, max), streams);
        }
        LogBatch batch = streams.batch();
        WriteResult written = batch.streams().isEmpty() ? WriteResult.accepted(0) : writer.writeLogs(tenant, batch);
        if (streams.rejected() > 0) {
            LOG.debug("loki push partially kept [tenant={}, rejected={}, reason={}]", tenant, streams.rejected(),
                    streams.firstRejection());
        }
        String first = streams.firstRejection() != null ? streams.firstRejection() : written.firstRejection();
        return new IngestOutcome(written.acceptedRows(), streams.rejected() + written.rejectedRows(), first);
    }
}
