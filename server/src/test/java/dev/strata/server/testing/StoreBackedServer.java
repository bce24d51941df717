package dev.strata.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import dev.strata.ingest.DefaultIngestService;
import dev.strata.server.Backend;
import dev.strata.server.StrataServer;
import dev.strata.server.config.StrataConfig;
import dev.strata.storage.ColumnStore;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.PartWriterConfig;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.xerial.snappy.Snappy;

/**
 * A real {@link StrataServer} over a real {@link ColumnStore} in a directory, on free ports, with
 * a leak-checked root allocator, plus a remote-write 1.0 encoder (prompb field numbers) and HTTP
 * helpers for tests of the query APIs.
 */
public final class StoreBackedServer implements AutoCloseable {
    private final RootAllocator allocator = new RootAllocator();
    private final StrataServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    /** A series to write: labels (with {@code __name__}) and samples at {@code (ms, value)} pairs. */
    public record Series(Map<String, String> labels, long[] timestampsMillis, double[] values) {}

    /** remote_write metadata: {@code type} is prompb's MetricType number (1 counter, 2 gauge). */
    public record Metadata(int type, String family, String help, String unit) {}

    public StoreBackedServer(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With extra configuration keys over the test defaults. */
    public StoreBackedServer(Path dataDir, Map<String, String> properties) {
        Map<String, String> values = new HashMap<>();
        values.put(StrataConfig.DATA_DIR, dataDir.toString());
        values.put("server.http-ports", "0");
        values.put("server.otlp-grpc-port", "0");
        values.put("server.bind-address", "127.0.0.1");
        values.put("server.shutdown-grace-period", "5s");
        values.put("promql.warm-up", "0s"); // tests of the warm-ups enable them; the others need no JIT head start
        values.put("server.write-warm-up", "0s");
        values.putAll(properties);
        StrataConfig config = StrataConfig.from(values);
        server = new StrataServer(config, (c, a, r) -> {
            ColumnStore store = ColumnStore.open(c.storage(), new ParquetPartWriter(PartWriterConfig.DEFAULT),
                    new ParquetPartReader(), r, a);
            return new Backend(store, new DefaultIngestService(store, c.ingestLimits(), InstantSource.system()));
        }, allocator, new PrometheusRegistry(), System::nanoTime);
        server.startListeners();
        server.openBackend();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.httpPorts().get(0) + pathAndQuery);
    }

    public StrataServer server() {
        return server;
    }

    public int httpPort() {
        return server.httpPorts().get(0);
    }

    public HttpResponse<String> get(String pathAndQuery, String tenant) {
        return send(request(pathAndQuery, tenant).GET().build(), BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String pathAndQuery, String tenant, String accept) {
        HttpRequest.Builder builder = request(pathAndQuery, tenant).GET();
        if (accept != null) {
            builder.header("Accept", accept);
        }
        return send(builder.build(), BodyHandlers.ofByteArray());
    }

    /** A form-encoded POST, as Grafana sends it. */
    public HttpResponse<String> postForm(String path, Map<String, String> form, String tenant) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> entry : form.entrySet()) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(encode(entry.getKey())).append('=').append(encode(entry.getValue()));
        }
        return send(request(path, tenant).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body.toString())).build(), BodyHandlers.ofString());
    }

    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** Writes through {@code POST /api/v1/write}; fails unless the answer is 204. */
    public void remoteWrite(String tenant, List<Series> series, List<Metadata> metadata) {
        HttpResponse<String> response = send(request("/api/v1/write", tenant)
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(BodyPublishers.ofByteArray(snappy(writeRequest(series, metadata)))).build(), BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private HttpRequest.Builder request(String pathAndQuery, String tenant) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(pathAndQuery));
        if (tenant != null) {
            builder.header("X-Scope-OrgID", tenant);
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** prompb {@code WriteRequest{timeseries=1, metadata=3}}. */
    static byte[] writeRequest(List<Series> series, List<Metadata> metadata) {
        return message(out -> {
            for (Series one : series) {
                out.writeByteArray(1, message(ts -> {
                    for (Map.Entry<String, String> label : new TreeMap<>(one.labels()).entrySet()) {
                        ts.writeByteArray(1, message(l -> {
                            l.writeString(1, label.getKey());
                            l.writeString(2, label.getValue());
                        }));
                    }
                    for (int i = 0; i < one.values().length; i++) {
                        int index = i;
                        ts.writeByteArray(2, message(s -> {
                            s.writeDouble(1, one.values()[index]);
                            s.writeInt64(2, one.timestampsMillis()[index]);
                        }));
                    }
                }));
            }
            for (Metadata meta : metadata) {
                out.writeByteArray(3, message(m -> {
                    m.writeEnum(1, meta.type());
                    m.writeString(2, meta.family());
                    m.writeString(4, meta.help());
                    m.writeString(5, meta.unit());
                }));
            }
        });
    }

    private interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        try {
            fields.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] snappy(byte[] raw) {
        try {
            return Snappy.compress(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RootAllocator allocator() {
        return allocator;
    }

    @Override
    public void close() {
        server.close();
        assertThat(allocator.getAllocatedMemory()).as("arrow memory leaked").isZero();
        allocator.close();
    }
}
