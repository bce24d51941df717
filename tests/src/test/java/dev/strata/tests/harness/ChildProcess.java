package dev.strata.tests.harness;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external program with stdout and stderr captured in a log file. On Linux
 * {@link Process#destroy()} sends SIGTERM and {@link Process#destroyForcibly()} SIGKILL. A JVM
 * shutdown hook kills the child if the test JVM exits without closing it.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread killOnExit;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = requireNonNull(name, "name is null");
        this.process = requireNonNull(process, "process is null");
        this.logFile = requireNonNull(logFile, "logFile is null");
        this.killOnExit = new Thread(process::destroyForcibly, "kill-" + name);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    static ChildProcess launch(String name, List<String> command, Path workingDir, Path logFile) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Polls {@code uri} until it answers 200, the process exits, or {@code timeout} passes.
     *
     * @return null when ready, else why not (the caller adds the log tail)
     */
    String awaitHttpOk(LoopbackHttp http, URI uri, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return name + " exited with code " + process.exitValue() + " before " + uri + " answered 200";
            }
            try {
                LoopbackHttp.Response response = http.get(uri);
                if (response.status() == 200) {
                    return null;
                }
                last = "HTTP " + response;
            } catch (IOException e) {
                last = e.toString();
            }
            sleep(Duration.ofMillis(100));
        }
        return name + " not ready at " + uri + " after " + timeout + " (last: " + last + ")";
    }

    /** SIGTERM, then wait; SIGKILL and fail when it does not stop within {@code timeout}. */
    int sigterm(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
            throw new AssertionError(name + " did not exit within " + timeout + " of SIGTERM\n" + tail(40));
        }
        forgetShutdownHook();
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to flush anything. */
    void sigkill() {
        process.destroyForcibly();
        if (!waitFor(Duration.ofSeconds(30))) {
            throw new AssertionError(name + " survived SIGKILL for 30 s");
        }
        forgetShutdownHook();
    }

    String tail(int lines) {
        try {
            if (!Files.exists(logFile)) {
                return "(no log at " + logFile + ")";
            }
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> last = new ArrayList<>(all.subList(Math.max(0, all.size() - lines), all.size()));
            return String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
        forgetShutdownHook();
    }

    private void forgetShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook runs anyway
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
