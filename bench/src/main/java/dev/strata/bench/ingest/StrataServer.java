package dev.strata.bench.ingest;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The server jar as a child process on free loopback ports with its own data directory; reads its
 * CPU time and RSS from {@code /proc/<pid>}, so figures are the server's alone even though the
 * load generator shares the machine.
 */
final class StrataServer implements AutoCloseable {
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final Path dataDir;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private StrataServer(Process process, Path dataDir, int httpPort) {
        this.process = requireNonNull(process, "process is null");
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.httpPort = httpPort;
    }

    /** Starts {@code java <jvmOptions> -jar jar serve} on an empty {@code workDir/data} and waits for {@code /ready}. */
    static StrataServer start(Path jar, Path workDir, List<String> jvmOptions) throws IOException, InterruptedException {
        Path dataDir = workDir.resolve("data");
        Files.createDirectories(dataDir);
        int httpPort = freePort();
        int grpcPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.nio=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--data-dir", dataDir.toString(),
                "--http-port", Integer.toString(httpPort), "--otlp-grpc-port", Integer.toString(grpcPort)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("strata.log").toFile()).start();
        StrataServer server = new StrataServer(process, dataDir, httpPort);
        server.awaitReady();
        return server;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }

    long pid() {
        return process.pid();
    }

    /** utime + stime of the server process so far, in seconds. */
    double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        // fields after the parenthesised command name; utime and stime are fields 14 and 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** Resident set size in bytes ({@code VmRSS}). */
    long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    /** {@code POST /flush}: seals every head into Parquet parts. */
    void flush() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/flush"))
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST /flush answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Bytes of every file under {@code parts/<table>} (Parquet parts and their sidecars). */
    long partBytes(String table) throws IOException {
        return treeBytes(dataDir.resolve("parts").resolve(table));
    }

    long dataDirBytes() throws IOException {
        return treeBytes(dataDir);
    }

    private static long treeBytes(Path root) throws IOException {
        if (!Files.exists(root)) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(file)) {
                    total += Files.size(file);
                }
            }
        }
        return total;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("server exited with " + process.exitValue() + " before it was ready");
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri("/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IOException("server not ready within " + READY_TIMEOUT);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, then SIGKILL after a minute. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
