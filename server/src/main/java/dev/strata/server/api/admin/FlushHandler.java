package dev.strata.server.api.admin;

import static java.util.Objects.requireNonNull;

import dev.strata.server.BackendSlot;
import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /flush}: seals every head into Parquet parts; 204 once they are durable. */
public final class FlushHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(FlushHandler.class);

    private final BackendSlot backend;

    public FlushHandler(BackendSlot backend) {
        this.backend = requireNonNull(backend, "backend is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        backend.require().store().flush();
        LOG.info("flush completed [trigger=http]");
        return HttpResponse.noContent();
    }
}
