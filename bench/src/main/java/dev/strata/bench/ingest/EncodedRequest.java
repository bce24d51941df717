package dev.strata.bench.ingest;

import static java.util.Objects.requireNonNull;

/**
 * One pre-encoded HTTP request body and what it carries: {@code items} log lines or spans and
 * {@code rawBytes} of payload (log line bytes; for spans the uncompressed OTLP bytes).
 */
record EncodedRequest(String path, String contentType, String contentEncoding, byte[] body, int items, long rawBytes) {
    EncodedRequest {
        requireNonNull(path, "path is null");
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
    }
}
