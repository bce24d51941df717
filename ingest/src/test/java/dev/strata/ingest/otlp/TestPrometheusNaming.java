package dev.strata.ingest.otlp;

import static dev.strata.ingest.otlp.PrometheusNaming.Kind.GAUGE;
import static dev.strata.ingest.otlp.PrometheusNaming.Kind.HISTOGRAM;
import static dev.strata.ingest.otlp.PrometheusNaming.Kind.MONOTONIC_COUNTER;
import static dev.strata.ingest.otlp.PrometheusNaming.Kind.NON_MONOTONIC_COUNTER;
import static dev.strata.ingest.otlp.PrometheusNaming.Kind.SUMMARY;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected names are the examples Prometheus's otlptranslator documents, checked by hand. */
class TestPrometheusNaming {
    @Test
    void documentedExamples() {
        assertThat(PrometheusNaming.metricName("http.server.duration", "s", HISTOGRAM)).isEqualTo("http_server_duration_seconds");
        assertThat(PrometheusNaming.metricName("http.server.request.duration", "s", HISTOGRAM))
                .isEqualTo("http_server_request_duration_seconds");
        assertThat(PrometheusNaming.metricName("requests.count", "1", MONOTONIC_COUNTER)).isEqualTo("requests_count_total");
        assertThat(PrometheusNaming.metricName("memory.usage", "By", GAUGE)).isEqualTo("memory_usage_bytes");
    }

    @Test
    void unitsAndTypeSuffixes() {
        assertThat(PrometheusNaming.metricName("system.cpu.utilization", "1", GAUGE)).isEqualTo("system_cpu_utilization_ratio");
        assertThat(PrometheusNaming.metricName("queue.fill", "1", NON_MONOTONIC_COUNTER)).isEqualTo("queue_fill");
        assertThat(PrometheusNaming.metricName("network.io", "By/s", GAUGE)).isEqualTo("network_io_bytes_per_second");
        assertThat(PrometheusNaming.metricName("throughput", "{req}/s", GAUGE)).isEqualTo("throughput_per_second");
        assertThat(PrometheusNaming.metricName("http.requests", "{request}", MONOTONIC_COUNTER)).isEqualTo("http_requests_total");
        assertThat(PrometheusNaming.metricName("total.requests", "", MONOTONIC_COUNTER)).isEqualTo("requests_total");
        assertThat(PrometheusNaming.metricName("jvm.memory.used_bytes", "By", GAUGE)).isEqualTo("jvm_memory_used_bytes");
        assertThat(PrometheusNaming.metricName("rpc.latency", "ms", SUMMARY)).isEqualTo("rpc_latency_milliseconds");
        assertThat(PrometheusNaming.metricName("temp", "Cel", GAUGE)).isEqualTo("temp_celsius");
        assertThat(PrometheusNaming.metricName("odd", "widgets", GAUGE)).isEqualTo("odd_widgets");
        assertThat(PrometheusNaming.metricName("disk.free", "%", GAUGE)).isEqualTo("disk_free_percent");
    }

    @Test
    void tokenisation() {
        assertThat(PrometheusNaming.metricName("2xx.responses", "", GAUGE)).isEqualTo("_2xx_responses");
        assertThat(PrometheusNaming.metricName("a__b..c-d", "", GAUGE)).isEqualTo("a_b_c_d");
        assertThat(PrometheusNaming.metricName("ns:sub.metric", "", GAUGE)).isEqualTo("ns:sub_metric");
        assertThat(PrometheusNaming.metricName("métrique", "", GAUGE)).isEqualTo("m_trique");
        assertThat(PrometheusNaming.metricName("...", "", GAUGE)).isEmpty();
    }

    @Test
    void unitNames() {
        assertThat(PrometheusNaming.unitName("s")).isEqualTo("seconds");
        assertThat(PrometheusNaming.unitName("By/s")).isEqualTo("bytes_per_second");
        assertThat(PrometheusNaming.unitName("1")).isEmpty();
        assertThat(PrometheusNaming.unitName("{thread}")).isEmpty();
    }

    @Test
    void labelNames() {
        assertThat(PrometheusNaming.labelName("http.method")).isEqualTo("http_method");
        assertThat(PrometheusNaming.labelName("123invalid")).isEqualTo("key_123invalid");
        assertThat(PrometheusNaming.labelName("_private")).isEqualTo("key_private");
        assertThat(PrometheusNaming.labelName("__reserved__")).isEqualTo("__reserved__");
        assertThat(PrometheusNaming.labelName("k8s.pod.name")).isEqualTo("k8s_pod_name");
    }
}
