package dev.strata.server.api.admin;

import static java.util.Objects.requireNonNull;

import dev.strata.server.BackendSlot;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;

/**
 * {@code GET /ready} and {@code GET /-/ready}: 200 {@code ready} once the store accepts writes,
 * 503 while it opens and once shutdown has begun (so load balancers stop sending).
 */
public final class ReadyHandler implements HttpHandler {
    private final BackendSlot backend;

    public ReadyHandler(BackendSlot backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        return backend.isReady() ? HttpResponse.text(200, "ready\n") : HttpResponse.text(503, "not ready\n");
    }
}
