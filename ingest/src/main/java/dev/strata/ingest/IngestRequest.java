package dev.strata.ingest;

import static java.util.Objects.requireNonNull;

/**
 * A request body as received.
 *
 * @param contentType the Content-Type header without parameters, lower case, or "" when absent
 * @param contentEncoding the Content-Encoding header, lower case, or "" when absent
 */
public record IngestRequest(String contentType, String contentEncoding, byte[] body) {
    public IngestRequest {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(contentEncoding, "contentEncoding is null");
        requireNonNull(body, "body is null");
    }
}
