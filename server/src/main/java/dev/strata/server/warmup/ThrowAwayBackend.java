package dev.strata.server.warmup;

import static java.util.Objects.requireNonNull;

import dev.strata.server.Backend;
import dev.strata.server.BackendFactory;
import dev.strata.server.config.StrataConfig;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageConfig;
import dev.strata.storage.Store;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend opened by the server's own {@link BackendFactory} in a fresh temporary directory
 * (fsync off, default retention, a throw-away metrics registry), for warm-ups: closing it discards
 * the store (no final seal) and deletes the directory. {@link #isServing} tells when the factory handed back the
 * users' store (a test fake), which a warm-up must then neither write into nor close.
 */
final class ThrowAwayBackend implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThrowAwayBackend.class);

    private final Path dir;
    private final Backend backend;
    private final boolean isServing;

    private ThrowAwayBackend(Path dir, Backend backend, boolean isServing) {
        this.dir = requireNonNull(dir, "dir is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.isServing = isServing;
    }

    /** Opens a backend under a new directory {@code <tempParent>/<prefix>…}; {@code serving} is the users' store. */
    static ThrowAwayBackend open(BackendFactory factory, StrataConfig config, BufferAllocator allocator, Path tempParent,
            String prefix, Store serving) {
        requireNonNull(serving, "serving is null");
        Path dir = createTempDirectory(tempParent, prefix);
        try {
            Backend backend = factory.open(throwAwayConfig(config, dir), allocator, new PrometheusRegistry());
            return new ThrowAwayBackend(dir, backend, backend.store() == serving);
        } catch (RuntimeException | Error e) {
            deleteRecursively(dir);
            throw e;
        }
    }

    Backend backend() {
        return backend;
    }

    /** Whether the factory returned the users' store: then nothing may be written, and close leaves it open. */
    boolean isServing() {
        return isServing;
    }

    /** Where the throw-away store lives. */
    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try {
            if (!isServing) {
                // its directory goes next: a final seal would only cost CPU (and at start, beside the first writes)
                backend.store().discard();
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** The serving configuration with its store moved into {@code dir}, without fsync, with default retention. */
    private static StrataConfig throwAwayConfig(StrataConfig config, Path dir) {
        StorageConfig storage = StorageConfig.builder(dir).fsyncPolicy(FsyncPolicy.NEVER).clock(config.storage().clock()).build();
        return new StrataConfig(dir, config.server(), storage, config.ingestLimits(), config.sql(), config.promql(), config.query());
    }

    private static Path createTempDirectory(Path tempParent, String prefix) {
        try {
            Files.createDirectories(tempParent);
            return Files.createTempDirectory(tempParent, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("warm-up directory not deleted [dir={}, reason={}]", dir, e.toString());
        }
    }
}
