package dev.strata.server.warmup;

import dev.strata.server.BackendSlot;
import dev.strata.server.http.Router;

/** The Prometheus query API's routes over a given backend: the warm-up binds them to its own store. */
@FunctionalInterface
public interface QueryRoutes {
    Router over(BackendSlot backend);
}
