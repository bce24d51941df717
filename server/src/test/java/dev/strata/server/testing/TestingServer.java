package dev.strata.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.Backend;
import dev.strata.server.StrataServer;
import dev.strata.server.config.StrataConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.apache.arrow.memory.RootAllocator;

/**
 * A real {@link StrataServer} on free ports over a {@link FakeStore} and {@link FakeIngestService},
 * with a leak-checked root allocator. Listeners start at construction; the backend opens on
 * {@link #openBackend()} (so tests see the not-ready phase).
 */
public final class TestingServer implements AutoCloseable {
    private final FakeStore store = new FakeStore();
    private final FakeIngestService ingest = new FakeIngestService();
    private final RootAllocator allocator = new RootAllocator();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final StrataServer server;

    public TestingServer(Map<String, String> properties) {
        Map<String, String> values = new HashMap<>();
        values.put(StrataConfig.DATA_DIR, "target/test-data");
        values.put("server.http-ports", "0");
        values.put("server.otlp-grpc-port", "0");
        values.put("server.bind-address", "127.0.0.1");
        values.put("server.shutdown-grace-period", "5s");
        values.putAll(properties);
        StrataConfig config = StrataConfig.from(values);
        server = new StrataServer(config, (c, a, r) -> new Backend(store, ingest), allocator, registry,
                System::nanoTime);
        server.startListeners();
    }

    public static TestingServer ready() {
        return ready(Map.of());
    }

    public static TestingServer ready(Map<String, String> properties) {
        TestingServer server = new TestingServer(properties);
        server.openBackend();
        return server;
    }

    public void openBackend() {
        server.openBackend();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.httpPorts().get(0) + pathAndQuery);
    }

    public int httpPort() {
        return server.httpPorts().get(0);
    }

    public int grpcPort() {
        return server.otlpGrpcPort();
    }

    public FakeStore store() {
        return store;
    }

    public FakeIngestService ingest() {
        return ingest;
    }

    public StrataServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }
}
