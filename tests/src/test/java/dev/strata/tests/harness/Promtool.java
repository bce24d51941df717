package dev.strata.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's {@code promtool} (installed by scripts/install-test-peers.sh) as a real client. */
public final class Promtool {
    private Promtool() {}

    /** Runs promtool; fails with its output unless it exits 0; returns its standard output. */
    public static String run(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(arguments));
        try {
            Path stderr = Files.createTempFile("promtool", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("promtool did not finish: " + command);
                }
                assertThat(process.exitValue()).as("%s\nstdout: %s\nstderr: %s", command, out, Files.readString(stderr))
                        .isZero();
                return out;
            } finally {
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Path binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("promtool is not on the PATH: run scripts/install-test-peers.sh"
                + " (./strata test does) to install Debian's prometheus package");
    }
}
