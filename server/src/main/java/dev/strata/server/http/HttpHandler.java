package dev.strata.server.http;

/**
 * Serves one route. Runs on a worker thread, never on a Netty event loop, so it may block (a
 * durable write waits for its group commit). Throws {@link dev.strata.spi.error.StrataException}
 * for failures the API reports; {@link ErrorResponses} turns them into the route's error envelope.
 */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request);
}
