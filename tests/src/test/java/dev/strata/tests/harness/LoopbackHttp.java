package dev.strata.tests.harness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP/1.1 client for loopback servers. HTTP/1.1 on purpose: the JDK client would
 * otherwise offer an h2c upgrade on every plain-text request, which is not what real ingest
 * clients (Prometheus, Promtail, OTel SDKs over HTTP) do.
 */
public final class LoopbackHttp {
    private final HttpClient client;
    private final Duration requestTimeout;

    public LoopbackHttp(Duration requestTimeout) {
        this.requestTimeout = requireNonNull(requestTimeout, "requestTimeout is null");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** A response with its body as bytes and as text. */
    public record Response(int status, byte[] body, Map<String, java.util.List<String>> headers) {
        public Response {
            requireNonNull(body, "body is null");
            requireNonNull(headers, "headers is null");
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean isSuccess() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            String text = text();
            return status + " " + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
        }
    }

    public Response get(URI uri) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build());
    }

    /** POST {@code body} with the given headers (e.g. Content-Type, Content-Encoding, X-Scope-OrgID). */
    public Response post(URI uri, Map<String, String> headers, byte[] body) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    /** Like {@link #post} but any I/O failure is an unchecked exception (for test bodies). */
    public Response postOrFail(URI uri, Map<String, String> headers, byte[] body) {
        try {
            return post(uri, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed", e);
        }
    }

    private Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + request.uri(), e);
        }
    }
}
