package dev.strata.tests.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tests.harness.DuckDbParts;
import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.LokiPushEncoder;
import dev.strata.tests.wire.RemoteWriteEncoder;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sustained ingest from several clients while the server is SIGKILLed at seeded random moments
 * (with data only in the WAL, right after a {@code POST /flush} started so that the kill lands
 * mid-seal, and after a completed flush with newer writes in the WAL), each time restarted on
 * the same data directory. Afterwards, DuckDB over the parts must show every
 * acknowledged write exactly once, nothing twice, nothing that was never sent, and every
 * Parquet file must be readable (no half-written part is visible).
 *
 * <p>Remote-write clients retry an unacknowledged request until it is acknowledged, as
 * Prometheus does, so the store's "same series and timestamp keeps one sample" is exercised
 * across crashes; Loki clients do not retry, so no line may appear twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestCrashRecovery {
    private static final long SEED = 0x5EED_2026L;
    private static final String METRICS_TENANT = "crash-metrics";
    private static final String LOGS_TENANT = "crash-logs";
    private static final int METRIC_WRITERS = 3;
    private static final int LANES = 4;
    private static final int LOKI_WRITERS = 1;
    private static final int LINES_PER_PUSH = 5;
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);

    private final LoopbackHttp http = new LoopbackHttp(Duration.ofSeconds(15));
    private final AtomicBoolean isRunning = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> clientErrors = new ConcurrentLinkedQueue<>();
    private StrataProcess strata;
    private ExecutorService clients;

    @AfterEach
    void stopAll() throws InterruptedException {
        isRunning.set(false);
        if (clients != null) {
            clients.shutdownNow();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (strata != null) {
            strata.close();
        }
    }

    /** What one client sent: request numbers attempted (at least once) and acknowledged. */
    record Ledger(Set<Long> attempted, Set<Long> acknowledged) {
        static Ledger create() {
            return new Ledger(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesSigkillExactlyOnce() throws Exception {
        strata = StrataProcess.start("crash-recovery");
        Random random = new Random(SEED);
        long baseMs = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toEpochMilli();

        clients = Executors.newFixedThreadPool(METRIC_WRITERS + LOKI_WRITERS + 1);
        List<Ledger> metricLedgers = new ArrayList<>();
        List<Ledger> lokiLedgers = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        for (int writer = 0; writer < METRIC_WRITERS; writer++) {
            Ledger ledger = Ledger.create();
            metricLedgers.add(ledger);
            int id = writer;
            running.add(clients.submit(() -> writeMetrics(id, baseMs, ledger)));
        }
        for (int writer = 0; writer < LOKI_WRITERS; writer++) {
            Ledger ledger = Ledger.create();
            lokiLedgers.add(ledger);
            int id = writer;
            running.add(clients.submit(() -> pushLogs(id, baseMs * 1_000_000L, ledger)));
        }

        int kills = 3 + random.nextInt(2);
        for (int kill = 0; kill < kills; kill++) {
            awaitAcknowledgements(metricLedgers, lokiLedgers, 20, Duration.ofSeconds(60));
            Thread.sleep(500 + random.nextInt(2_000));
            switch (kill % 3) {
                case 0 -> { } // data only in the WAL and head
                case 1 -> {
                    // seal in the background and kill shortly after: the kill lands mid-flush
                    clients.submit(this::flushIgnoringFailure);
                    Thread.sleep(random.nextInt(400));
                }
                default -> {
                    // sealed parts plus newer writes only in the WAL: replay must not double the parts
                    strata.flush();
                    awaitAcknowledgements(metricLedgers, lokiLedgers, 5 + random.nextInt(20), Duration.ofSeconds(60));
                }
            }
            strata.sigkill();
            strata.restart();
        }
        awaitAcknowledgements(metricLedgers, lokiLedgers, 20, Duration.ofSeconds(60));
        isRunning.set(false);
        for (Future<?> client : running) {
            client.get(60, TimeUnit.SECONDS);
        }
        assertThat(clientErrors).as("requests refused with 4xx").isEmpty();

        strata.flush();
        // at rest after a clean stop, the parts directory alone must be the truth (no orphans)
        assertThat(strata.sigterm()).as("exit code after SIGTERM").isIn(0, 143);
        verifyStore(metricLedgers, lokiLedgers, baseMs);
        // and a restart after the flush must not replay anything twice
        strata.restart();
        strata.flush();
        verifyStore(metricLedgers, lokiLedgers, baseMs);
    }

    private void verifyStore(List<Ledger> metricLedgers, List<Ledger> lokiLedgers, long baseMs) {
        try (DuckDbParts duck = DuckDbParts.open(strata.dataDir())) {
            assertEveryPartReadable(duck);
            verifySamples(duck, metricLedgers, baseMs);
            verifyLogLines(duck, lokiLedgers);
        }
    }

    private void writeMetrics(int writer, long baseMs, Ledger ledger) {
        for (long request = 0; isRunning.get(); request++) {
            List<RemoteWriteEncoder.Series> series = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                series.add(new RemoteWriteEncoder.Series(
                        Map.of("__name__", "e2e_crash", "writer", Integer.toString(writer), "lane", Integer.toString(lane)),
                        List.of(new RemoteWriteEncoder.Sample(baseMs + request * 1_000, value(request, lane)))));
            }
            byte[] body = RemoteWriteEncoder.body(series, List.of());
            Map<String, String> headers = new HashMap<>(RemoteWriteEncoder.headers());
            headers.put("X-Scope-OrgID", METRICS_TENANT);
            // retry the same request until it is acknowledged, as Prometheus does
            while (isRunning.get()) {
                ledger.attempted().add(request);
                int status = post("/api/v1/write", headers, body);
                if (status / 100 == 2) {
                    ledger.acknowledged().add(request);
                    break;
                }
                if (status / 100 == 4) {
                    clientErrors.add("remote_write writer " + writer + " request " + request + ": HTTP " + status);
                    break;
                }
                pause();
            }
        }
    }

    private void pushLogs(int writer, long baseNs, Ledger ledger) {
        for (long request = 0; isRunning.get(); request++) {
            List<LokiPushEncoder.Entry> entries = new ArrayList<>();
            for (int j = 0; j < LINES_PER_PUSH; j++) {
                entries.add(new LokiPushEncoder.Entry(baseNs + request * 1_000 + j, line(request, j), Map.of()));
            }
            byte[] body = LokiPushEncoder.json(List.of(new LokiPushEncoder.Stream(
                    Map.of("app", "crash", "writer", "loki-" + writer), entries)));
            ledger.attempted().add(request);
            int status = post("/loki/api/v1/push", LokiPushEncoder.jsonHeaders(LOGS_TENANT), body);
            if (status / 100 == 2) {
                ledger.acknowledged().add(request);
            } else if (status / 100 == 4) {
                clientErrors.add("loki writer " + writer + " request " + request + ": HTTP " + status);
            } else {
                pause();
            }
        }
    }

    /** The status, or -1 when the server is down or the connection broke. */
    private int post(String path, Map<String, String> headers, byte[] body) {
        try {
            return http.post(strata.uri(path), headers, body).status();
        } catch (IOException e) {
            return -1;
        }
    }

    private void flushIgnoringFailure() {
        try {
            http.post(strata.uri("/flush"), Map.of(), new byte[0]);
        } catch (IOException e) {
            // killed while flushing: that is the point
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double value(long request, int lane) {
        return request * 10 + lane + 0.5;
    }

    private static String line(long request, int j) {
        return "request=" + request + " line=" + j;
    }

    /** Waits until every client got {@code count} more acknowledgements: the server is up and taking writes. */
    private static void awaitAcknowledgements(List<Ledger> metrics, List<Ledger> logs, int count, Duration timeout)
            throws InterruptedException {
        List<Ledger> all = new ArrayList<>(metrics);
        all.addAll(logs);
        int[] start = new int[all.size()];
        for (int i = 0; i < all.size(); i++) {
            start[i] = all.get(i).acknowledged().size();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < all.size(); i++) {
            while (all.get(i).acknowledged().size() < start[i] + count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("clients got no acknowledgements for " + timeout);
                }
                Thread.sleep(20);
            }
        }
    }

    private static void assertEveryPartReadable(DuckDbParts duck) {
        List<String> unreadable = new ArrayList<>();
        for (String table : List.of("samples", "series", "logs")) {
            for (Path part : duck.partFiles(table)) {
                try {
                    duck.queryLong("SELECT count(*) FROM read_parquet('" + part.toString().replace("'", "''") + "')");
                } catch (AssertionError e) {
                    unreadable.add(part + ": " + e.getMessage());
                }
            }
        }
        assertThat(unreadable).as("unreadable Parquet files").isEmpty();
        assertThat(duck.hasParts("samples")).isTrue();
        assertThat(duck.hasParts("logs")).isTrue();
    }

    private static void verifySamples(DuckDbParts duck, List<Ledger> ledgers, long baseMs) {
        assertThat(duck.query("SELECT series_id, epoch_ms(ts), count(*) FROM " + duck.table("samples")
                        + " GROUP BY ALL HAVING count(*) > 1 LIMIT 20",
                row -> row.getLong(1) + "@" + row.getLong(2) + " x" + row.getLong(3)))
                .as("samples stored twice").isEmpty();

        Map<Long, Map<String, String>> labelsById = new HashMap<>();
        duck.query("SELECT series_id, any_value(to_json(labels)::VARCHAR) FROM " + duck.table("series")
                        + " WHERE tenant = '" + METRICS_TENANT + "' GROUP BY series_id",
                row -> labelsById.put(row.getLong(1), DuckDbParts.textMap(row.getString(2))));

        record Stored(int writer, int lane, long ts, double value) {}
        List<Stored> stored = duck.query("SELECT series_id, epoch_ms(ts), value FROM " + duck.table("samples")
                        + " WHERE tenant = '" + METRICS_TENANT + "'",
                row -> {
                    Map<String, String> labels = labelsById.get(row.getLong(1));
                    assertThat(labels).as("labels of series %s", row.getLong(1)).isNotNull();
                    return new Stored(Integer.parseInt(labels.get("writer")), Integer.parseInt(labels.get("lane")),
                            row.getLong(2), row.getDouble(3));
                });
        // request k of every writer wrote ts = base + k s on every lane, value k*10 + lane + 0.5
        Map<Integer, Map<Long, Integer>> lanesByRequest = new TreeMap<>();
        for (Stored sample : stored) {
            assertThat((sample.ts() - baseMs) % 1_000).as("timestamp %d", sample.ts()).isZero();
            long request = (sample.ts() - baseMs) / 1_000;
            assertThat(sample.value()).as("value of writer %d lane %d request %d", sample.writer(), sample.lane(), request)
                    .isEqualTo(value(request, sample.lane()));
            lanesByRequest.computeIfAbsent(sample.writer(), w -> new HashMap<>()).merge(request, 1, Integer::sum);
        }
        for (int writer = 0; writer < ledgers.size(); writer++) {
            Ledger ledger = ledgers.get(writer);
            Map<Long, Integer> present = lanesByRequest.getOrDefault(writer, Map.of());
            assertThat(present.keySet()).as("requests of writer %d in the store that were never sent", writer)
                    .isSubsetOf(ledger.attempted());
            List<Long> missing = new ArrayList<>();
            for (long request : ledger.acknowledged()) {
                if (present.getOrDefault(request, 0) != LANES) {
                    missing.add(request);
                }
            }
            assertThat(missing).as("acknowledged requests of writer %d not (fully) stored, of %d acknowledged",
                    writer, ledger.acknowledged().size()).isEmpty();
        }
    }

    private static void verifyLogLines(DuckDbParts duck, List<Ledger> ledgers) {
        assertThat(duck.query("SELECT stream_id, epoch_ns(ts), line, count(*) FROM " + duck.table("logs")
                        + " GROUP BY ALL HAVING count(*) > 1 LIMIT 20",
                row -> row.getLong(1) + "@" + row.getLong(2) + " " + row.getString(3) + " x" + row.getLong(4)))
                .as("log lines stored twice").isEmpty();
        for (int writer = 0; writer < ledgers.size(); writer++) {
            Ledger ledger = ledgers.get(writer);
            Map<Long, Integer> linesByRequest = new HashMap<>();
            String writerLabel = "loki-" + writer;
            duck.query("SELECT to_json(labels)::VARCHAR, line FROM " + duck.table("logs") + " WHERE tenant = '" + LOGS_TENANT + "'",
                    row -> {
                        if (writerLabel.equals(DuckDbParts.textMap(row.getString(1)).get("writer"))) {
                            String line = row.getString(2);
                            long request = Long.parseLong(line.substring("request=".length(), line.indexOf(' ')));
                            linesByRequest.merge(request, 1, Integer::sum);
                        }
                        return null;
                    });
            assertThat(linesByRequest.keySet()).as("pushes of %s in the store that were never sent", writerLabel)
                    .isSubsetOf(ledger.attempted());
            List<Long> missing = new ArrayList<>();
            for (long request : ledger.acknowledged()) {
                if (linesByRequest.getOrDefault(request, 0) != LINES_PER_PUSH) {
                    missing.add(request);
                }
            }
            assertThat(missing).as("acknowledged pushes of %s not (fully) stored, of %d acknowledged",
                    writerLabel, ledger.acknowledged().size()).isEmpty();
        }
    }
}
