package dev.strata.tests.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.Promtool;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.RemoteWriteEncoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's {@code promtool} (Prometheus 2.42's Go API client) runs {@code query instant} and
 * {@code query range} against Strata over remote-written samples: it must parse our vector and
 * matrix answers and print the values computed here by hand, in its own text format
 * ({@code metric => value @[seconds]}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestPromtoolEvaluation {
    private StrataProcess strata;
    /** Whole seconds, ten minutes ago on a minute boundary, so that timestamps print as integers. */
    private long base;

    @BeforeAll
    void startAndWrite() {
        strata = StrataProcess.start("promtool-eval");
        base = (System.currentTimeMillis() / 60_000 - 10) * 60;
        List<RemoteWriteEncoder.Sample> up = new ArrayList<>();
        List<RemoteWriteEncoder.Sample> requests = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            up.add(new RemoteWriteEncoder.Sample((base + 15L * i) * 1000, 1));
            requests.add(new RemoteWriteEncoder.Sample((base + 15L * i) * 1000, 15 * i));
        }
        byte[] body = RemoteWriteEncoder.body(List.of(
                new RemoteWriteEncoder.Series(Map.of("__name__", "up", "job", "api", "instance", "a:1"), up),
                new RemoteWriteEncoder.Series(Map.of("__name__", "up", "job", "db", "instance", "b:2"), up),
                new RemoteWriteEncoder.Series(Map.of("__name__", "eval_requests_total", "job", "api"), requests)),
                List.of());
        LoopbackHttp.Response written = new LoopbackHttp(Duration.ofSeconds(30))
                .postOrFail(strata.uri("/api/v1/write"), RemoteWriteEncoder.headers(), body);
        assertThat(written.status()).as(written.toString()).isEqualTo(204);
    }

    @AfterAll
    void stop() {
        if (strata != null) {
            strata.close();
        }
    }

    @Test
    void instant() {
        long t = base + 60;
        assertThat(Promtool.run("query", "instant", "--time=" + t, server(), "up")).isEqualTo(
                "up{instance=\"a:1\", job=\"api\"} => 1 @[" + t + "]\n"
                        + "up{instance=\"b:2\", job=\"db\"} => 1 @[" + t + "]\n");
        assertThat(Promtool.run("query", "instant", "--time=" + t, server(), "sum(up)")).isEqualTo("{} => 2 @[" + t + "]\n");
    }

    @Test
    void range() {
        // steps every 30s from base-30s: no sample yet, then 0, 30 and 60 doubled
        assertThat(Promtool.run("query", "range", "--start=" + (base - 30), "--end=" + (base + 60), "--step=30s", server(),
                "eval_requests_total * 2")).isEqualTo(
                "{job=\"api\"} =>\n0 @[" + base + "]\n60 @[" + (base + 30) + "]\n120 @[" + (base + 60) + "]\n");
    }

    private String server() {
        return "http://127.0.0.1:" + strata.httpPort();
    }
}
