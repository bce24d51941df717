package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A complete response. Bodies are small here (acknowledgements, errors, metrics); query endpoints
 * that stream large results will get their own writer.
 *
 * @param status HTTP status code
 * @param contentType Content-Type header, or "" for none (204)
 * @param body the bytes to send
 * @param headers extra headers
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";

    public HttpResponse {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(body, "body is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("invalid status: " + status);
        }
    }

    public static HttpResponse noContent() {
        return new HttpResponse(204, "", new byte[0], Map.of());
    }

    public static HttpResponse text(int status, String text) {
        return new HttpResponse(status, TEXT_PLAIN, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    public static HttpResponse of(int status, String contentType, byte[] body) {
        return new HttpResponse(status, contentType, body, Map.of());
    }
}
