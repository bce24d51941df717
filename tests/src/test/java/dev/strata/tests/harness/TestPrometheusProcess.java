package dev.strata.tests.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The exposition reader the remote-write test uses to watch Prometheus's queue. */
final class TestPrometheusProcess {
    private static final String EXPOSITION = """
            # HELP prometheus_remote_storage_samples_pending The number of samples pending.
            # TYPE prometheus_remote_storage_samples_pending gauge
            prometheus_remote_storage_samples_pending{remote_name="a",url="http://x/api/v1/write"} 3
            prometheus_remote_storage_samples_pending{remote_name="b",url="http://y/api/v1/write"} 4
            prometheus_remote_storage_samples_pending_total 100
            prometheus_remote_storage_highest_timestamp_in_seconds 1.795479045e+09
            """;

    @Test
    void sumsEveryLabelSetOfExactlyThatMetric() {
        assertThat(PrometheusProcess.sumOf(EXPOSITION, "prometheus_remote_storage_samples_pending")).isEqualTo(7);
        assertThat(PrometheusProcess.sumOf(EXPOSITION, "prometheus_remote_storage_highest_timestamp_in_seconds"))
                .isEqualTo(1.795479045e9);
    }

    @Test
    void absentMetricSumsToZero() {
        assertThat(PrometheusProcess.sumOf(EXPOSITION, "prometheus_remote_storage_samples_failed_total")).isZero();
    }
}
