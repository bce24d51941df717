package dev.strata.tests.harness;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real server: {@code server/target/strata.jar} started as a child JVM on free loopback
 * ports with its own data directory under {@code target/e2e/}. {@link #restart()} starts a new
 * process on the same data directory (on fresh ports, read them again afterwards). Every
 * generation's output is kept in its own log file.
 *
 * <p>Tests that need the server call {@link #start}; when the jar has not been built (e.g.
 * {@code mvn test} without {@code package}) they are skipped with an assumption naming the jar,
 * and only then.
 */
public final class StrataProcess implements LoggedProcess, AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(90);
    private static final int BIND_ATTEMPTS = 3;

    private final String name;
    private final Path jar;
    private final Path workDir;
    private final Path dataDir;
    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(30));
    private final LoopbackHttp flushHttp = new LoopbackHttp(Duration.ofSeconds(180));
    private final List<ChildProcess> generations = new ArrayList<>();
    private volatile ChildProcess current;
    private volatile int httpPort;
    private volatile int otlpGrpcPort;

    private StrataProcess(String name, Path jar, Path workDir) {
        this.name = requireNonNull(name, "name is null");
        this.jar = requireNonNull(jar, "jar is null");
        this.workDir = requireNonNull(workDir, "workDir is null");
        this.dataDir = workDir.resolve("data");
    }

    /** The server jar, or a skipped test when it has not been built. */
    public static Path jarOrSkip() {
        Path jar = Path.of(System.getProperty("strata.jar", "../server/target/strata.jar")).toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(jar),
                "end-to-end test skipped: " + jar + " is absent (build it with `./strata build`;"
                        + " `mvn verify` builds it before this module's tests run)");
        return jar;
    }

    /** Starts a server with an empty data directory and waits until {@code /ready} answers 200. */
    public static StrataProcess start(String name) {
        Path jar = jarOrSkip();
        StrataProcess strata = new StrataProcess(name, jar, WorkDirs.create(name));
        try {
            Files.createDirectories(strata.dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        strata.launch();
        return strata;
    }

    @Override
    public String name() {
        return "strata[" + name + "]";
    }

    public Path dataDir() {
        return dataDir;
    }

    /** {@code http://127.0.0.1:<port><path>} on the current generation's HTTP port. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    public int httpPort() {
        return httpPort;
    }

    public int otlpGrpcPort() {
        return otlpGrpcPort;
    }

    public boolean isAlive() {
        ChildProcess process = current;
        return process != null && process.isAlive();
    }

    /** {@code POST /flush}: every head sealed into Parquet parts; fails unless the answer is 204. */
    public void flush() {
        LoopbackHttp.Response response = flushHttp.postOrFail(uri("/flush"), Map.of(), new byte[0]);
        if (response.status() != 204) {
            throw new AssertionError("POST /flush answered " + response + " (expected 204)");
        }
    }

    /** {@code GET /ready} is 200 right now. */
    public boolean isReady() {
        try {
            return http.get(uri("/ready")).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM and wait for a clean exit; returns the exit code. */
    public int sigterm() {
        return current.sigterm(STOP_TIMEOUT);
    }

    /** SIGKILL: nothing in the server gets to run. */
    public void sigkill() {
        current.sigkill();
    }

    /** A new server process on the same data directory (stopping the old one with SIGTERM if alive). */
    public void restart() {
        if (isAlive()) {
            sigterm();
        }
        launch();
    }

    private void launch() {
        String failure = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            httpPort = FreePorts.next();
            otlpGrpcPort = FreePorts.next();
            int generation = generations.size() + 1;
            ChildProcess process = ChildProcess.launch(name() + "#" + generation, command(),
                    workDir, workDir.resolve("strata-" + generation + ".log"));
            generations.add(process);
            current = process;
            failure = process.awaitHttpOk(http, uri("/ready"), READY_TIMEOUT);
            if (failure == null) {
                return;
            }
            String log = process.log();
            process.close();
            if (!(log.contains("BindException") || log.contains("Address already in use"))) {
                break;
            }
        }
        throw new AssertionError(failure + "\n" + current.tail(60));
    }

    private List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
            command.add("--enable-native-access=ALL-UNNAMED");
        }
        command.add("-Xmx" + System.getProperty("strata.e2e.serverHeap", "1g"));
        command.add("-jar");
        command.add(jar.toString());
        command.add("serve");
        command.add("--data-dir");
        command.add(dataDir.toString());
        command.add("--http-port");
        command.add(Integer.toString(httpPort));
        command.add("--otlp-grpc-port");
        command.add(Integer.toString(otlpGrpcPort));
        return command;
    }

    @Override
    public String logTail(int lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < generations.size(); i++) {
            ChildProcess process = generations.get(i);
            boolean isLast = i == generations.size() - 1;
            out.append("== ").append(process.name()).append(" (").append(process.logFile()).append(")\n")
                    .append(process.tail(isLast ? lines : Math.min(lines, 15))).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        ChildProcess process = current;
        if (process != null && process.isAlive()) {
            try {
                process.sigterm(STOP_TIMEOUT);
            } finally {
                process.close();
            }
        }
    }
}
