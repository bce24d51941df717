package dev.strata.tests.harness;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Debian's {@code prometheus} (2.42) as a child process on a free loopback port, with its
 * config and TSDB in a fresh directory under {@code target/e2e/}. The lifecycle API is on, so a
 * test can change the config with {@link #reload}.
 */
public final class PrometheusProcess implements LoggedProcess, AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final Path configFile;
    private final int port;
    private final ChildProcess process;
    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(30));
    private final ObjectMapper json = new ObjectMapper();

    private PrometheusProcess(String name, Path configFile, int port, ChildProcess process) {
        this.name = requireNonNull(name, "name is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.port = port;
        this.process = requireNonNull(process, "process is null");
    }

    /**
     * Starts Prometheus with the config {@code config.apply(port)} (the port it will listen on,
     * so it can scrape itself) and waits for {@code /-/ready}.
     */
    public static PrometheusProcess start(String name, IntFunction<String> config, List<String> extraFlags) {
        Path binary = binary();
        Path workDir = WorkDirs.create(name);
        int port = FreePorts.next();
        Path configFile = workDir.resolve("prometheus.yml");
        Path tsdb = workDir.resolve("tsdb");
        try {
            Files.createDirectories(tsdb);
            Files.writeString(configFile, config.apply(port));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new java.util.ArrayList<>(List.of(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + tsdb,
                "--web.listen-address=127.0.0.1:" + port,
                "--web.enable-lifecycle",
                "--log.level=info"));
        command.addAll(extraFlags);
        ChildProcess child = ChildProcess.launch("prometheus[" + name + "]", command, workDir, workDir.resolve("prometheus.log"));
        PrometheusProcess prometheus = new PrometheusProcess(name, configFile, port, child);
        String failure = child.awaitHttpOk(prometheus.http, prometheus.uri("/-/ready"), READY_TIMEOUT);
        if (failure != null) {
            String tail = child.tail(40);
            child.close();
            throw new AssertionError(failure + "\n" + tail);
        }
        return prometheus;
    }

    /** {@code prometheus} on the PATH; a missing binary fails the test (./strata test installs it). */
    public static Path binary() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("prometheus is not on the PATH: run scripts/install-test-peers.sh"
                + " (./strata test does) to install Debian's prometheus package");
    }

    @Override
    public String name() {
        return "prometheus[" + name + "]";
    }

    public int port() {
        return port;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** Replaces the config file and asks Prometheus to apply it. */
    public void reload(String config) {
        try {
            Files.writeString(configFile, config);
            LoopbackHttp.Response response = http.post(uri("/-/reload"), Map.of(), new byte[0]);
            if (response.status() != 200) {
                throw new AssertionError("reload failed: " + response);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant query at {@code time}; returns {@code data} of a successful answer. */
    public JsonNode query(String promql, Instant time) {
        String query = "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time=" + new BigDecimal(time.toEpochMilli()).movePointLeft(3).toPlainString();
        try {
            LoopbackHttp.Response response = http.get(uri(query));
            JsonNode body = json.readTree(response.body());
            if (response.status() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("query " + promql + " failed: " + response);
            }
            return body.get("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Prometheus's own {@code /metrics} exposition, read directly (not through its TSDB). */
    public String selfMetrics() {
        try {
            return http.get(uri("/metrics")).text();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sum of every sample of {@code metric} (any labels) in a text exposition, 0 when absent. */
    public static double sumOf(String exposition, String metric) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int end = metric.length();
            if (line.length() <= end || (line.charAt(end) != '{' && line.charAt(end) != ' ')) {
                continue;
            }
            // Prometheus's own exposition has no timestamps: the value is the last token.
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return sum;
    }

    /** SIGTERM: Prometheus stops scraping, flushes its remote-write queues and exits. */
    public int sigterm() {
        return process.sigterm(Duration.ofSeconds(60));
    }

    @Override
    public String logTail(int lines) {
        return process.tail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
