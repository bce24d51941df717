package dev.strata.tests.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tests.harness.DuckDbParts;
import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.LokiPushEncoder;
import dev.strata.tests.wire.LokiPushEncoder.Entry;
import dev.strata.tests.wire.LokiPushEncoder.Stream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Loki push in every encoding a client uses (JSON, gzip JSON, protobuf + snappy) and for
 * several tenants; DuckDB over the parts must return exactly the lines sent, with their
 * nanosecond timestamps, stream labels, structured metadata and tenant partition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestLokiPush {
    private static final String PUSH = "/loki/api/v1/push";
    private static final String DEFAULT_TENANT = "fake";

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(30));
    private StrataProcess strata;

    /** Started once, in the first test, so that a missing jar shows as a skipped test. */
    @BeforeEach
    void startServer() {
        if (strata == null) {
            strata = StrataProcess.start("loki-push");
        }
    }

    @AfterAll
    void stopServer() {
        if (strata != null) {
            strata.close();
        }
    }

    /** One stored line as DuckDB reads it back; long lines are compared by length and hash, to keep failures readable. */
    record StoredLine(String tenant, Map<String, String> labels, long timestampNs, String line, Map<String, String> metadata) {
        StoredLine {
            if (line.length() > 200) {
                line = line.substring(0, 40) + "...(" + line.length() + " chars, hash " + line.hashCode() + ")";
            }
        }
    }

    @Test
    void everyEncodingLandsExactlyAsSentPerTenant() {
        // an hour ago, with nanoseconds that a millisecond store would lose
        long base = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toEpochMilli() * 1_000_000L + 123_456_789L;
        String longLine = "x".repeat(20_000) + " end";
        List<StoredLine> expected = new ArrayList<>();

        List<Stream> json = List.of(
                new Stream(Map.of("app", "json", "env", "prod"), List.of(
                        new Entry(base + 1, "plain json line", Map.of("user_id", "u1", "request_id", "r-9")),
                        new Entry(base + 2, "unicode ünï 😀 \"quoted\" back\\slash\ttab", Map.of()),
                        new Entry(base + 3, longLine, Map.of()))),
                new Stream(Map.of("app", "json", "env", "dev", "quote", "say \"hi\""), List.of(
                        new Entry(base + 1, "second stream, same timestamp", Map.of("k", "v")))));
        push(LokiPushEncoder.jsonHeaders("team-a"), LokiPushEncoder.json(json));
        expect(expected, "team-a", json);

        List<Stream> gzip = List.of(new Stream(Map.of("app", "gzip"), List.of(
                new Entry(base + 10, "gzipped line one", Map.of("size", "big")),
                new Entry(base + 11, "gzipped line two", Map.of()))));
        push(LokiPushEncoder.gzipJsonHeaders("team-a"), LokiPushEncoder.gzip(LokiPushEncoder.json(gzip)));
        expect(expected, "team-a", gzip);

        // out of order inside a stream, as Loki accepts it
        List<Stream> proto = List.of(
                new Stream(Map.of("app", "proto", "env", "b"), List.of(
                        new Entry(base + 25, "protobuf later", Map.of("trace_hint", "t1", "span_hint", "s1")),
                        new Entry(base + 20, "protobuf earlier", Map.of()))),
                new Stream(Map.of("app", "proto", "env", "c"), List.of(
                        new Entry(base + 21, "another stream", Map.of("a", "1")))));
        push(LokiPushEncoder.protobufHeaders("team-b"), LokiPushEncoder.protobufBody(proto));
        expect(expected, "team-b", proto);

        // no X-Scope-OrgID: the default tenant, as Loki with auth disabled
        List<Stream> anonymous = List.of(new Stream(Map.of("app", "anonymous"), List.of(
                new Entry(base + 30, "no tenant header", Map.of()))));
        push(Map.of("Content-Type", "application/x-protobuf"), LokiPushEncoder.protobufBody(anonymous));
        expect(expected, DEFAULT_TENANT, anonymous);

        strata.flush();

        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            List<StoredLine> stored = duck.query(
                    "SELECT tenant, to_json(labels)::VARCHAR, epoch_ns(ts), line, to_json(metadata)::VARCHAR FROM "
                            + duck.table("logs"),
                    row -> new StoredLine(row.getString(1), DuckDbParts.textMap(row.getString(2)), row.getLong(3),
                            row.getString(4), DuckDbParts.textMap(row.getString(5))));
            assertThat(stored).containsExactlyInAnyOrderElementsOf(expected);

            for (String tenant : List.of("team-a", "team-b", DEFAULT_TENANT)) {
                assertThat(duck.tableDir("logs").resolve("tenant=" + tenant))
                        .as("hive partition folder of tenant %s", tenant)
                        .satisfies(dir -> assertThat(Files.isDirectory(dir)).isTrue());
            }
            // stream_id is one per label set, the same for every line of a stream
            Map<String, Long> streamIds = new HashMap<>();
            duck.query("SELECT DISTINCT tenant, to_json(labels)::VARCHAR, stream_id FROM " + duck.table("logs"),
                    row -> streamIds.merge(row.getString(1) + new TreeMap<>(DuckDbParts.textMap(row.getString(2))),
                            row.getLong(3), (a, b) -> {
                                throw new AssertionError("two stream ids for one stream: " + a + ", " + b);
                            }));
            assertThat(streamIds).hasSize(6);
        }
    }

    /**
     * Loki 3 adds {@code service_name} to a stream that has none ({@code discover_service_name},
     * on by default), from the first of {@code service}, {@code app}, ... that it has, else
     * {@code unknown_service}; the streams here have {@code app}.
     */
    private static Map<String, String> withServiceName(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>(labels);
        if (!out.containsKey("service_name")) {
            out.put("service_name", out.getOrDefault("service", out.getOrDefault("app", "unknown_service")));
        }
        return out;
    }

    private void push(Map<String, String> headers, byte[] body) {
        LoopbackHttp.Response response = http.postOrFail(strata.uri(PUSH), headers, body);
        assertThat(response.status()).as("push answer %s", response).isEqualTo(204);
    }

    private static void expect(List<StoredLine> expected, String tenant, List<Stream> streams) {
        for (Stream stream : streams) {
            for (Entry entry : stream.entries()) {
                expected.add(new StoredLine(tenant, withServiceName(stream.labels()), entry.timestampNs(), entry.line(), entry.metadata()));
            }
        }
    }
}
