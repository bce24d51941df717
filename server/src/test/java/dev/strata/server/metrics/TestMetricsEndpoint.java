package dev.strata.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.IngestOutcome;
import dev.strata.server.testing.TestingServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} must be valid text exposition 0.0.4 and carry the server's metrics. */
final class TestMetricsEndpoint {
    // the text format's line grammar (prometheus/docs exposition_formats.md)
    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final String LABEL_VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final String LABELS = "\\{(?:[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE
            + "(?:,[a-zA-Z_][a-zA-Z0-9_]*=" + LABEL_VALUE + ")*,?)?\\}";
    private static final String VALUE = "(?:[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?|NaN|[+-]Inf)";
    private static final Pattern SAMPLE = Pattern.compile(NAME + "(?:" + LABELS + ")? " + VALUE + "(?: -?\\d+)?");
    private static final Pattern HELP = Pattern.compile("# HELP " + NAME + " .*");
    private static final Pattern TYPE = Pattern.compile("# TYPE " + NAME + " (?:counter|gauge|histogram|summary|untyped)");

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void exposesRequestIngestAndJvmMetricsInValidTextFormat() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            for (int i = 0; i < 3; i++) {
                send(server, "/api/v1/write", "t1");
            }
            server.ingest().answer(() -> new IngestOutcome(7, 2, "too old"));
            send(server, "/loki/api/v1/push", "t2");

            HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.uri("/metrics")).build(),
                    BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("content-type"))
                    .hasValue("text/plain; version=0.0.4; charset=utf-8");
            List<String> invalid = new ArrayList<>();
            for (String line : response.body().split("\n")) {
                if (!SAMPLE.matcher(line).matches() && !HELP.matcher(line).matches() && !TYPE.matcher(line).matches()) {
                    invalid.add(line);
                }
            }
            assertThat(invalid).isEmpty();
            assertThat(response.body())
                    .contains("# TYPE strata_http_requests_total counter")
                    .contains("strata_http_requests_total{endpoint=\"/api/v1/write\",status=\"204\"} 3.0")
                    .contains("strata_http_requests_total{endpoint=\"/loki/api/v1/push\",status=\"400\"} 1.0")
                    .contains("# TYPE strata_http_request_duration_seconds histogram")
                    .contains("strata_http_request_duration_seconds_count{endpoint=\"/api/v1/write\",status=\"204\"} 3")
                    .contains("strata_http_request_duration_seconds_bucket{endpoint=\"/api/v1/write\",status=\"204\",le=\"+Inf\"} 3")
                    .contains("strata_ingest_rows_accepted_total{protocol=\"remote_write\",tenant=\"t1\"} 3.0")
                    .contains("strata_ingest_rows_accepted_total{protocol=\"loki_push\",tenant=\"t2\"} 7.0")
                    .contains("strata_ingest_rows_rejected_total{protocol=\"loki_push\",tenant=\"t2\"} 2.0")
                    .contains("jvm_memory_used_bytes{area=\"heap\"}")
                    .contains("strata_worker_queue_length 0.0")
                    .contains("# TYPE strata_worker_active_threads gauge");
        }
    }

    private void send(TestingServer server, String path, String tenant) throws Exception {
        client.send(HttpRequest.newBuilder(server.uri(path)).header("X-Scope-OrgID", tenant)
                .header("Content-Type", "application/x-protobuf")
                .POST(BodyPublishers.ofByteArray(new byte[] {1})).build(), BodyHandlers.discarding());
    }
}
