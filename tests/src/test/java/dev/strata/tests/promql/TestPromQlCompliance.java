package dev.strata.tests.promql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.PrometheusProcess;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.RemoteWriteEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The PromQL compliance tester's 539 queries ({@code ../shared/conformance/promql-compliance/
 * expanded-queries.jsonl}) against Debian's Prometheus 2.42 (the reference) and Strata, both fed
 * the same {@link DemoDataSet} by remote write, compared by the tester's rules
 * ({@link QueryAnswer#compare}): as range queries, as the tester sends them, and as instant
 * queries at the range's end (Grafana's stat panels, alerting).
 *
 * <p>Sample timestamps sit 1.317 s past every 5 s, the query grid 0.5 s past every 10 s: no
 * sample and no subquery step is ever on a window edge, where Prometheus 2.x (closed) and 3.x
 * (left-open) windows differ, so the 2.42 reference answers what Prometheus 3 would.
 *
 * <p>{@code src/test/resources/promql-compliance-baseline.txt} is a ratchet of the queries known
 * to differ (mode, id, one-word reason, query): the test fails when another query differs and when a
 * listed one passes (remove it). The current list is written to
 * {@code target/promql-compliance-failures.txt}; {@code -Dstrata.compliance.details=true} prints
 * every difference. Strata answers from its in-memory head, then is flushed and answers every
 * query again from its Parquet parts ({@code -Dstrata.compliance.parts=false} skips that pass).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestPromQlCompliance {
    /** Sample offset from the whole-second query grid. */
    private static final long SAMPLE_OFFSET_MS = 1_317;
    private static final long INTERVAL_MS = 5_000;
    /** 85 minutes: the 1h windows and 10m offsets of the queries reach back from the query range, negative offsets forward. */
    private static final int SAMPLES = 85 * 12 + 1;
    /**
     * The query grid is half a second off whole 10 s: the inner steps of a subquery sit on
     * multiples of its step, and on the grid they would fall on the subquery window's edge.
     */
    private static final long QUERY_END_AFTER_MS = 75 * 60_000 + 500;
    private static final long QUERY_RANGE_MS = 10 * 60_000;
    private static final int STEP_S = 10;
    private static final long SLICE_MS = 5 * 60_000;

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(60));
    private StrataProcess strata;
    private PrometheusProcess prometheus;

    @AfterAll
    void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (strata != null) {
            strata.close();
        }
    }

    @Test
    void strataAnswersTheComplianceQueriesLikePrometheus() throws Exception {
        List<ComplianceQuery> queries = ComplianceQuery.read(sharedDir().resolve("conformance/promql-compliance/expanded-queries.jsonl"));
        assertThat(queries).hasSize(539);
        Map<String, String> baseline = readBaseline();

        strata = StrataProcess.start("promql-compliance");
        prometheus = PrometheusProcess.start("promql-compliance", port -> "global:\n  evaluation_interval: 1m\n",
                List.of("--web.enable-remote-write-receiver", "--query.lookback-delta=5m"));
        // the data end in the recent past (Strata refuses samples older than its retention), on a
        // whole minute so the query grid is the same in every run relative to the samples
        long dataStartS = System.currentTimeMillis() / 60_000 * 60 - 90 * 60;
        long queryEndMs = dataStartS * 1000 + QUERY_END_AFTER_MS;
        List<DemoDataSet.Series> data = DemoDataSet.generate(dataStartS * 1000 + SAMPLE_OFFSET_MS, INTERVAL_MS, SAMPLES, 42);
        for (byte[] body : DemoDataSet.remoteWriteBodies(data, SLICE_MS)) {
            write(prometheus.uri("/api/v1/write"), body);
            write(strata.uri("/api/v1/write"), body);
        }

        List<String> unexpected = new ArrayList<>();
        StringBuilder failureList = new StringBuilder();
        for (Mode mode : Mode.values()) {
            Map<Integer, QueryAnswer> reference;
            Map<Integer, QueryAnswer> target;
            long started = System.nanoTime();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Map<Integer, QueryAnswer>> fromPrometheus = pool.submit(() -> runAll(queries, prometheus::uri, mode, queryEndMs));
                Future<Map<Integer, QueryAnswer>> fromStrata = pool.submit(() -> runAll(queries, strata::uri, mode, queryEndMs));
                reference = fromPrometheus.get();
                target = fromStrata.get();
            } finally {
                pool.shutdownNow();
            }
            System.out.printf("%s compliance queries answered by both in %d ms%n", mode.key, (System.nanoTime() - started) / 1_000_000);
            // a comparison of empty answers proves nothing: most queries must select data (467
            // do; the 27 `[1s]` windows hold no sample, some queries select nothing on purpose)
            long withData = reference.values().stream().filter(answer -> !answer.series().isEmpty()).count();
            assertThat(withData).as("%s queries Prometheus answers with at least one series", mode.key).isGreaterThan(450);
            for (ComplianceQuery query : queries) {
                // the reference is trusted, as in the tester: it must fail exactly on should_fail queries
                QueryAnswer expected = reference.get(query.id());
                assertThat(expected.success()).as("Prometheus on %s #%d %s: %s", mode.key, query.id(), query.query(), expected.error())
                        .isEqualTo(!query.shouldFail());
            }
            unexpected.addAll(compare(queries, reference, target, baseline, mode, "head", failureList));

            if (!"false".equals(System.getProperty("strata.compliance.parts"))) {
                // the same queries once every sample is in Parquet parts (the other read path)
                strata.flush();
                long partsStarted = System.nanoTime();
                Map<Integer, QueryAnswer> fromParts = runAll(queries, strata::uri, mode, queryEndMs);
                System.out.printf("%s compliance queries answered by Strata from parts in %d ms%n", mode.key,
                        (System.nanoTime() - partsStarted) / 1_000_000);
                unexpected.addAll(compare(queries, reference, fromParts, baseline, mode, "parts", new StringBuilder()));
            }
        }
        Files.writeString(Path.of("target", "promql-compliance-failures.txt"), failureList.toString());
        assertThat(unexpected).as("compliance differences against the baseline (see target/promql-compliance-failures.txt)").isEmpty();
    }

    /** The two query APIs: the tester's range queries, and instant queries at the range's end. */
    private enum Mode {
        RANGE("range"),
        INSTANT("instant");

        final String key;

        Mode(String key) {
            this.key = key;
        }
    }

    /**
     * Compares every answer, prints the per-category summary, appends the differing queries to
     * {@code failureList} (in the baseline's format) and returns the differences from the baseline.
     */
    private static List<String> compare(List<ComplianceQuery> queries, Map<Integer, QueryAnswer> reference,
            Map<Integer, QueryAnswer> target, Map<String, String> baseline, Mode mode, String readPath, StringBuilder failureList) {
        boolean details = Boolean.getBoolean("strata.compliance.details");
        Map<String, int[]> perCategory = new LinkedHashMap<>();
        for (String category : ComplianceQuery.categories()) {
            perCategory.put(category, new int[2]);
        }
        List<String> unexpected = new ArrayList<>();
        for (ComplianceQuery query : queries) {
            Optional<QueryAnswer.Mismatch> mismatch = reference.get(query.id()).compare(target.get(query.id()),
                    query.shouldFail() || query.skipComparison());
            int[] counts = perCategory.get(query.category());
            counts[0]++;
            String key = mode.key + " " + query.id();
            String where = readPath + ", " + mode.key + " #" + query.id() + " " + query.query();
            if (mismatch.isEmpty()) {
                counts[1]++;
                if (baseline.containsKey(key)) {
                    unexpected.add(where + ": passes now, remove it from the baseline");
                }
                continue;
            }
            String reason = mismatch.get().reason();
            failureList.append(key).append(' ').append(reason).append(' ').append(query.query()).append('\n');
            String line = where + " [" + reason + "] " + mismatch.get().detail();
            if (!baseline.containsKey(key)) {
                unexpected.add(line + " (not in the baseline)");
            } else if (details) {
                System.out.println(line);
            }
        }
        printSummary(perCategory, mode, readPath);
        return unexpected;
    }

    private Map<Integer, QueryAnswer> runAll(List<ComplianceQuery> queries, Function<String, URI> server, Mode mode, long endMs)
            throws IOException {
        Map<Integer, QueryAnswer> answers = new TreeMap<>();
        for (ComplianceQuery query : queries) {
            String text = URLEncoder.encode(query.query(), StandardCharsets.UTF_8);
            URI uri = server.apply(mode == Mode.RANGE
                    ? "/api/v1/query_range?query=" + text + "&start=" + seconds(endMs - QUERY_RANGE_MS) + "&end=" + seconds(endMs) + "&step=" + STEP_S
                    : "/api/v1/query?query=" + text + "&time=" + seconds(endMs));
            LoopbackHttp.Response response = http.get(uri);
            answers.put(query.id(), QueryAnswer.parse(response.status(), response.text()));
        }
        return answers;
    }

    private static String seconds(long ms) {
        return BigDecimal.valueOf(ms, 3).toPlainString();
    }

    private void write(URI uri, byte[] body) {
        LoopbackHttp.Response response = http.postOrFail(uri, RemoteWriteEncoder.headers(), body);
        assertThat(response.status()).as("remote write to %s: %s", uri, response).isBetween(200, 204);
    }

    private static void printSummary(Map<String, int[]> perCategory, Mode mode, String readPath) {
        int total = 0;
        int passed = 0;
        StringBuilder table = new StringBuilder("PromQL compliance against Prometheus 2.42, " + mode.key + " queries, Strata reading its " + readPath + "\n| category | queries | same answer |\n| --- | ---: | ---: |\n");
        for (Map.Entry<String, int[]> category : perCategory.entrySet()) {
            int[] counts = category.getValue();
            table.append("| ").append(category.getKey()).append(" | ").append(counts[0]).append(" | ").append(counts[1]).append(" |\n");
            total += counts[0];
            passed += counts[1];
        }
        table.append("| **total** | **").append(total).append("** | **").append(passed).append("** |\n");
        System.out.print(table);
    }

    /** {@code mode id reason query} lines, keyed by {@code mode id}; {@code #} starts a comment. */
    private static Map<String, String> readBaseline() throws IOException {
        Map<String, String> baseline = new TreeMap<>();
        try (InputStream in = TestPromQlCompliance.class.getResourceAsStream("/promql-compliance-baseline.txt")) {
            if (in == null) {
                throw new UncheckedIOException(new IOException("promql-compliance-baseline.txt is not on the class path"));
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split(" ", 4);
                baseline.put(parts[0] + " " + Integer.parseInt(parts[1]), parts[2]);
            }
        }
        return baseline;
    }

    /** {@code <worktree>/../shared} (tests run in the module directory), or {@code -Dstrata.shared.dir}. */
    private static Path sharedDir() {
        String configured = System.getProperty("strata.shared.dir");
        return configured != null ? Paths.get(configured) : Paths.get("").toAbsolutePath().getParent().getParent().resolve("shared");
    }
}
