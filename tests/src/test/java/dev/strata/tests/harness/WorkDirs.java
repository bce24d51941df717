package dev.strata.tests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Per-test working directories under {@code target/e2e} (kept after the run for post-mortems). */
public final class WorkDirs {
    private WorkDirs() {}

    public static Path create(String name) {
        Path base = Path.of(System.getProperty("strata.e2e.workDir", "target/e2e")).toAbsolutePath();
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create work dir under " + base, e);
        }
    }
}
