package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.IngestRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A complete request as handlers see it, detached from Netty's reference-counted buffers (the body
 * was copied out on the event loop, so handlers may keep it).
 *
 * @param method upper-case method name
 * @param path decoded path without the query string
 * @param queryParameters decoded query-string parameters, in order of appearance
 * @param headers request headers (read-only by convention)
 * @param body the body as received (still compressed when Content-Encoding says so)
 * @param pathParameters values of the route's {@code {name}} segments
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, List<String>> queryParameters,
        HttpHeaders headers,
        byte[] body,
        Map<String, String> pathParameters) {
    public HttpRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        queryParameters = Map.copyOf(requireNonNull(queryParameters, "queryParameters is null"));
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        pathParameters = Map.copyOf(requireNonNull(pathParameters, "pathParameters is null"));
    }

    /** The Content-Type without parameters, lower case, or "" when absent. */
    public String contentType() {
        return mediaType(headers.get("content-type"));
    }

    /** The Content-Encoding, lower case, or "" when absent. */
    public String contentEncoding() {
        String value = headers.get("content-encoding");
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The body for the ingest service, with Content-Type and Content-Encoding as sent (remote
     * write tells 1.0 from 2.0 by the {@code proto=} parameter; ingest decodes gzip and snappy).
     */
    public IngestRequest toIngestRequest() {
        return new IngestRequest(header("content-type"), header("content-encoding"), body);
    }

    private String header(String name) {
        String value = headers.get(name);
        return value == null ? "" : value;
    }

    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(method, path, queryParameters, headers, body, parameters);
    }

    /** {@code "application/json; charset=utf-8"} becomes {@code "application/json"}. */
    public static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }
}
