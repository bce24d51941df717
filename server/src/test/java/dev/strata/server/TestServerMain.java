package dev.strata.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.config.StrataConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestServerMain {
    @TempDir
    Path dataDir;

    @Test
    void usageErrorsExitWith2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(new String[] {"serve", "--bogus", "1"}, new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("strata: unknown option: --bogus\nusage: strata serve");
    }

    @Test
    void invalidConfigurationExitsWith2NamingTheKey() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = ServerMain.run(new String[] {"serve", "--http-port", "99999"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("strata: invalid configuration server.http-ports=99999: must be between 0 and 65535");
    }

    /** The production wiring, end to end: the real store and ingest service behind the real listeners. */
    @Test
    void productionBackendsStoreWhatIsPushedAndFlushItIntoParts() throws Exception {
        StrataConfig config = StrataConfig.from(Map.of("data-dir", dataDir.toString(), "server.http-ports", "0",
                "server.otlp-grpc-port", "0", "server.bind-address", "127.0.0.1"));
        HttpClient client = HttpClient.newHttpClient();
        try (RootAllocator allocator = new RootAllocator()) {
            StrataServer server = new StrataServer(config, ServerMain.productionBackends(), allocator,
                    new PrometheusRegistry(), System::nanoTime);
            try {
                server.startListeners();
                server.openBackend();
                URI base = URI.create("http://127.0.0.1:" + server.httpPorts().get(0));
                assertThat(client.send(HttpRequest.newBuilder(base.resolve("/ready")).build(), BodyHandlers.ofString())
                        .statusCode()).isEqualTo(200);

                long nowNanos = System.currentTimeMillis() * 1_000_000L;
                String push = "{\"streams\":[{\"stream\":{\"service_name\":\"checkout\"},\"values\":[[\"" + nowNanos
                        + "\",\"payment ok\"],[\"" + (nowNanos + 1) + "\",\"payment failed\"]]}]}";
                HttpResponse<String> pushed = client.send(HttpRequest.newBuilder(base.resolve("/loki/api/v1/push"))
                        .header("Content-Type", "application/json").header("X-Scope-OrgID", "shop")
                        .POST(BodyPublishers.ofString(push)).build(), BodyHandlers.ofString());
                assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(204);

                HttpResponse<String> malformed = client.send(HttpRequest.newBuilder(base.resolve("/loki/api/v1/push"))
                        .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"streams\":")).build(),
                        BodyHandlers.ofString());
                assertThat(malformed.statusCode()).isEqualTo(400);

                assertThat(client.send(HttpRequest.newBuilder(base.resolve("/flush"))
                        .POST(BodyPublishers.noBody()).build(), BodyHandlers.ofString()).statusCode()).isEqualTo(204);
                assertThat(parquetFiles(dataDir.resolve("parts/logs")))
                        .singleElement().asString().contains("tenant=shop");

                HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                        BodyHandlers.ofString());
                assertThat(metrics.body())
                        .contains("strata_ingest_rows_accepted_total{protocol=\"loki_push\",tenant=\"shop\"} 2.0")
                        .contains("strata_ingest_requests_rejected_total{protocol=\"loki_push\",reason=\"MALFORMED_PAYLOAD\",tenant=\"fake\"} 1.0");
            } finally {
                server.close();
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    private static List<String> parquetFiles(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".parquet")).map(Path::toString).toList();
        }
    }
}
