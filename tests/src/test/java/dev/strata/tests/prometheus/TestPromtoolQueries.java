package dev.strata.tests.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tests.harness.LoopbackHttp;
import dev.strata.tests.harness.PrintLogsOnFailure;
import dev.strata.tests.harness.Promtool;
import dev.strata.tests.harness.StrataProcess;
import dev.strata.tests.wire.RemoteWriteEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Debian's {@code promtool} (Prometheus 2.42's Go API client) runs {@code query labels} and
 * {@code query series} against Strata after remote-written data: it must parse our answers and
 * print exactly the label values and series written (promtool sends no tenant header, so the data
 * goes to the default tenant).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(PrintLogsOnFailure.class)
final class TestPromtoolQueries {
    private StrataProcess strata;

    @BeforeAll
    void startAndWrite() {
        strata = StrataProcess.start("promtool");
        long now = System.currentTimeMillis();
        List<RemoteWriteEncoder.Sample> samples = List.of(new RemoteWriteEncoder.Sample(now - 1_000, 1));
        byte[] body = RemoteWriteEncoder.body(List.of(
                new RemoteWriteEncoder.Series(Map.of("__name__", "promtool_up", "job", "api", "instance", "a:1"), samples),
                new RemoteWriteEncoder.Series(Map.of("__name__", "promtool_up", "job", "db", "instance", "b:2"), samples),
                new RemoteWriteEncoder.Series(Map.of("__name__", "promtool_requests_total", "job", "api", "code", "200"), samples)),
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
    void labelValues() {
        assertThat(Promtool.run("query", "labels", server(), "job")).isEqualTo("api\ndb\n");
        assertThat(Promtool.run("query", "labels", server(), "__name__")).isEqualTo("promtool_requests_total\npromtool_up\n");
        assertThat(Promtool.run("query", "labels", "--match=promtool_requests_total", server(), "job")).isEqualTo("api\n");
    }

    @Test
    void series() {
        assertThat(Promtool.run("query", "series", "--match=promtool_up", server())).isEqualTo(
                "{__name__=\"promtool_up\", instance=\"a:1\", job=\"api\"}\n"
                        + "{__name__=\"promtool_up\", instance=\"b:2\", job=\"db\"}\n");
        assertThat(Promtool.run("query", "series", "--match={job=\"api\"}", "--match=promtool_up{job=\"db\"}", server()))
                .isEqualTo("{__name__=\"promtool_requests_total\", code=\"200\", job=\"api\"}\n"
                        + "{__name__=\"promtool_up\", instance=\"a:1\", job=\"api\"}\n"
                        + "{__name__=\"promtool_up\", instance=\"b:2\", job=\"db\"}\n");
    }

    private String server() {
        return "http://127.0.0.1:" + strata.httpPort();
    }
}
