package dev.strata.ingest.otlp;

import static dev.strata.ingest.otlp.TestOtlpTraces.kv;
import static dev.strata.ingest.otlp.TestOtlpTraces.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.RecordingWriter;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestOtlpMetrics {
    private static final long T_NS = 1_700_000_000_123_456_789L;
    private static final long T_MS = 1_700_000_000_123L;

    private final RecordingWriter writer = new RecordingWriter();
    private final OtlpHandler handler =
            new OtlpHandler(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000)));

    private static Resource resource() {
        return Resource.newBuilder()
                .addAttributes(kv("service.name", str("checkout")))
                .addAttributes(kv("service.namespace", str("shop")))
                .addAttributes(kv("service.instance.id", str("pod-7")))
                .addAttributes(kv("host.name", str("node-1")))
                .build();
    }

    private static NumberDataPoint point(double value, String... attributes) {
        NumberDataPoint.Builder b = NumberDataPoint.newBuilder().setTimeUnixNano(T_NS).setAsDouble(value);
        for (int i = 0; i < attributes.length; i += 2) {
            b.addAttributes(kv(attributes[i], str(attributes[i + 1])));
        }
        return b.build();
    }

    private Map<Labels, double[]> mapped(ExportMetricsServiceRequest request) {
        handler.metrics("t", request);
        Map<Labels, double[]> out = new LinkedHashMap<>();
        for (SeriesSamples s : writer.samples.get(0).series()) {
            assertThat(s.timestampsMillis()[0]).isEqualTo(T_MS);
            out.put(s.labels(), java.util.Arrays.copyOf(s.values(), s.count()));
        }
        return out;
    }

    private static Labels series(String name, String... labels) {
        Labels.Builder b = Labels.builder().add("__name__", name).add("job", "shop/checkout").add("instance", "pod-7");
        for (int i = 0; i < labels.length; i += 2) {
            b.add(labels[i], labels[i + 1]);
        }
        return b.build();
    }

    @Test
    void gaugesAndCumulativeSums() {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource())
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("system.cpu.utilization").setUnit("1")
                                        .setDescription("CPU share.")
                                        .setGauge(Gauge.newBuilder().addDataPoints(point(0.5, "cpu", "0"))))
                                .addMetrics(Metric.newBuilder().setName("http.server.requests").setUnit("{request}")
                                        .setSum(Sum.newBuilder().setIsMonotonic(true)
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(T_NS).setAsInt(42)
                                                        .addAttributes(kv("http.method", str("GET")))
                                                        .addAttributes(kv("http.status_code",
                                                                AnyValue.newBuilder().setIntValue(200).build())))))
                                .addMetrics(Metric.newBuilder().setName("queue.size").setUnit("1")
                                        .setSum(Sum.newBuilder().setIsMonotonic(false)
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(point(3))))))
                .build();

        Map<Labels, double[]> series = mapped(request);

        assertThat(series).containsOnlyKeys(
                series("system_cpu_utilization_ratio", "cpu", "0"),
                series("http_server_requests_total", "http_method", "GET", "http_status_code", "200"),
                series("queue_size"),
                series("target_info", "host_name", "node-1"));
        assertThat(series.get(series("http_server_requests_total", "http_method", "GET", "http_status_code", "200")))
                .containsExactly(42);
        assertThat(series.get(series("target_info", "host_name", "node-1"))).containsExactly(1);
        assertThat(writer.samples.get(0).metadata()).containsExactly(
                new MetricMetadata("system_cpu_utilization_ratio", MetricType.GAUGE, "CPU share.", ""),
                new MetricMetadata("http_server_requests_total", MetricType.COUNTER, "", ""),
                new MetricMetadata("queue_size", MetricType.GAUGE, "", ""),
                new MetricMetadata("target_info", MetricType.GAUGE, "Target metadata", ""));
    }

    @Test
    void histogramsAndSummaries() {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource())
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("http.server.request.duration").setUnit("s")
                                        .setHistogram(Histogram.newBuilder()
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T_NS)
                                                        .setCount(10).setSum(2.5)
                                                        .addExplicitBounds(0.005).addExplicitBounds(0.1).addExplicitBounds(1)
                                                        .addBucketCounts(1).addBucketCounts(6).addBucketCounts(2).addBucketCounts(1))))
                                .addMetrics(Metric.newBuilder().setName("rpc.latency").setUnit("ms")
                                        .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.newBuilder()
                                                .setTimeUnixNano(T_NS).setCount(4).setSum(100)
                                                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                                                        .setQuantile(0.5).setValue(20))
                                                .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder()
                                                        .setQuantile(0.99).setValue(70)))))))
                .build();

        Map<Labels, double[]> series = mapped(request);

        String h = "http_server_request_duration_seconds";
        assertThat(series.get(series(h + "_count"))).containsExactly(10);
        assertThat(series.get(series(h + "_sum"))).containsExactly(2.5);
        assertThat(series.get(series(h + "_bucket", "le", "0.005"))).containsExactly(1);
        assertThat(series.get(series(h + "_bucket", "le", "0.1"))).containsExactly(7);
        assertThat(series.get(series(h + "_bucket", "le", "1"))).containsExactly(9);
        assertThat(series.get(series(h + "_bucket", "le", "+Inf"))).containsExactly(10);
        assertThat(series.get(series("rpc_latency_milliseconds", "quantile", "0.5"))).containsExactly(20);
        assertThat(series.get(series("rpc_latency_milliseconds", "quantile", "0.99"))).containsExactly(70);
        assertThat(series.get(series("rpc_latency_milliseconds_sum"))).containsExactly(100);
        assertThat(series.get(series("rpc_latency_milliseconds_count"))).containsExactly(4);
        assertThat(series).hasSize(11);
        SampleBatch batch = writer.samples.get(0);
        assertThat(batch.metadata()).extracting(MetricMetadata::metricFamily, MetricMetadata::type, MetricMetadata::unit)
                .contains(org.assertj.core.groups.Tuple.tuple(h, MetricType.HISTOGRAM, "seconds"),
                        org.assertj.core.groups.Tuple.tuple("rpc_latency_milliseconds", MetricType.SUMMARY, "milliseconds"));
    }

    @Test
    void rejectsDeltaAndExponentialHistogramsAndKeepsTheRest() {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(kv("service.name", str("api"))))
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("delta.requests")
                                        .setSum(Sum.newBuilder().setIsMonotonic(true)
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                                                .addDataPoints(point(1)).addDataPoints(point(2))))
                                .addMetrics(Metric.newBuilder().setName("latency")
                                        .setExponentialHistogram(ExponentialHistogram.newBuilder()
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(1))))
                                .addMetrics(Metric.newBuilder().setName("up")
                                        .setGauge(Gauge.newBuilder().addDataPoints(point(1))))))
                .build();

        IngestOutcome outcome = handler.metrics("t", request);

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(3);
        assertThat(outcome.firstRejection()).contains("invalid temporality and type combination");
        // Only service.name: no target_info, since nothing but identity is known of the resource.
        assertThat(writer.samples.get(0).series()).extracting(s -> s.labels())
                .containsExactly(Labels.of("__name__", "up", "job", "api"));
    }

    @Test
    void noRecordedValueBecomesAStalenessMarkerAndAttributeCollisionsJoin() {
        NumberDataPoint stale = NumberDataPoint.newBuilder().setTimeUnixNano(T_NS).setAsDouble(5).setFlags(1)
                .addAttributes(kv("a.b", str("1"))).addAttributes(kv("a_b", str("2"))).build();
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder()
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("g").setGauge(Gauge.newBuilder().addDataPoints(stale)))))
                .build();

        handler.metrics("t", request);

        SeriesSamples s = writer.samples.get(0).series().get(0);
        assertThat(s.labels()).isEqualTo(Labels.of("__name__", "g", "a_b", "1;2"));
        assertThat(Double.doubleToRawLongBits(s.values()[0])).isEqualTo(0x7ff0000000000002L);
    }

    @Test
    void jsonFromProtobufsPrinterMapsLikeTheBinaryForm() throws Exception {
        ExportMetricsServiceRequest request = ExportMetricsServiceRequest.newBuilder()
                .addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource())
                        .addScopeMetrics(ScopeMetrics.newBuilder()
                                .addMetrics(Metric.newBuilder().setName("http.server.request.duration").setUnit("s")
                                        .setHistogram(Histogram.newBuilder()
                                                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                                                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(T_NS)
                                                        .setCount(3).setSum(0.5).addExplicitBounds(0.25)
                                                        .addBucketCounts(2).addBucketCounts(1))))))
                .build();
        String json = com.google.protobuf.util.JsonFormat.printer().print(request);

        handler.metrics("t", request);
        handler.metrics("t", new IngestRequest("application/json", "", json.getBytes(StandardCharsets.UTF_8)));

        assertThat(writer.samples).hasSize(2);
        assertThat(writer.samples.get(1).series()).extracting(SeriesSamples::labels)
                .containsExactlyElementsOf(writer.samples.get(0).series().stream().map(SeriesSamples::labels).toList());
        assertThat(writer.samples.get(1).sampleCount()).isEqualTo(5);
    }

    @Test
    void otlpJsonMetricsWithStringInt64() {
        String json = """
                {"resourceMetrics":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
                  "scopeMetrics":[{"metrics":[{"name":"jobs.done","unit":"1","sum":{"aggregationTemporality":2,
                    "isMonotonic":true,"dataPoints":[{"timeUnixNano":"1700000000123456789","asInt":"9007199254740993"}]}}]}]}]}""";

        handler.metrics("t", new IngestRequest("application/json", "", json.getBytes(StandardCharsets.UTF_8)));

        SeriesSamples s = writer.samples.get(0).series().get(0);
        assertThat(s.labels()).isEqualTo(Labels.of("__name__", "jobs_done_total", "job", "api"));
        assertThat(s.timestampsMillis()[0]).isEqualTo(T_MS);
        assertThat(s.values()[0]).isEqualTo(9007199254740993.0);
        assertThat(List.of(writer.samples.get(0).metadata().get(0).type())).containsExactly(MetricType.COUNTER);
    }
}
