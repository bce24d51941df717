package dev.strata.server;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where request handlers find the backend: empty while the store opens, then ready, then closing
 * (shutdown has begun: new writes are refused with 503 while requests already in flight finish).
 * Thread-safe.
 */
public final class BackendSlot {
    private enum Phase { OPENING, READY, CLOSING }

    private record State(Phase phase, Backend backend) {}

    private final AtomicReference<State> state = new AtomicReference<>(new State(Phase.OPENING, null));

    /** Makes {@code backend} available; the server is ready from now on. */
    public void ready(Backend backend) {
        requireNonNull(backend, "backend is null");
        State current = state.get();
        if (current.phase() != Phase.OPENING || !state.compareAndSet(current, new State(Phase.READY, backend))) {
            throw new IllegalStateException("the backend is set once, while opening; phase is " + current.phase());
        }
    }

    /** Refuses new work from now on; returns the backend to close, if one was ready. */
    public Optional<Backend> closing() {
        State previous = state.getAndSet(new State(Phase.CLOSING, null));
        return Optional.ofNullable(previous.backend());
    }

    public boolean isReady() {
        return state.get().phase() == Phase.READY;
    }

    /** The backend, or {@link ServerErrorCode#NOT_READY} while opening or closing. */
    public Backend require() {
        State current = state.get();
        return switch (current.phase()) {
            case READY -> current.backend();
            case OPENING -> throw new StrataException(ServerErrorCode.NOT_READY, "not ready: the store is opening");
            case CLOSING -> throw new StrataException(ServerErrorCode.NOT_READY, "not ready: the server is shutting down");
        };
    }
}
