package dev.strata.server.warmup;

import dev.strata.server.BackendSlot;
import dev.strata.server.http.Router;

/** The remote-write route over a given backend: the write warm-up binds it to its own store. */
@FunctionalInterface
public interface WriteRoutes {
    Router over(BackendSlot backend);
}
