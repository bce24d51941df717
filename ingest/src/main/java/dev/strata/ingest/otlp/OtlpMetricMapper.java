package dev.strata.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.LabelRules;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.DataPointFlags;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OTLP metrics to Prometheus series, as Prometheus's OTLP receiver writes them: names from
 * {@link PrometheusNaming}; histograms as {@code _bucket{le}} (cumulative, ending with
 * {@code +Inf}), {@code _sum} and {@code _count}; summaries as {@code {quantile}} series,
 * {@code _sum} and {@code _count}; {@code job} = {@code service.namespace/service.name} (or
 * {@code service.name}), {@code instance} = {@code service.instance.id}; the other resource
 * attributes on one {@code target_info} series per resource. A point flagged
 * "no recorded value" becomes a staleness marker.
 *
 * <p>Like Prometheus without its delta and native-histogram feature flags, delta (or unspecified)
 * temporality sums and histograms and all exponential histograms are rejected per data point and
 * reported in the partial success. Thread-safe.
 */
final class OtlpMetricMapper {
    static final long STALE_NAN_BITS = 0x7ff0000000000002L;
    private static final Comparator<KeyValue> BY_KEY = Comparator.comparing(KeyValue::getKey);
    private static final Set<String> IDENTIFYING = Set.of("service.name", "service.namespace", "service.instance.id");

    private final AnyValues values;
    private final IngestLimits limits;

    OtlpMetricMapper(AnyValues values, IngestLimits limits) {
        this.values = requireNonNull(values, "values is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    record Mapped(SampleBatch batch, long rejected, String firstRejection) {}

    Mapped map(ExportMetricsServiceRequest request) {
        Collector c = new Collector();
        for (ResourceMetrics rm : request.getResourceMetricsList()) {
            List<KeyValue> resource = rm.getResource().getAttributesList();
            Map<String, String> identity = identity(resource);
            long resourceMaxTs = Long.MIN_VALUE;
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                for (Metric metric : sm.getMetricsList()) {
                    resourceMaxTs = Math.max(resourceMaxTs, mapMetric(metric, identity, c));
                }
            }
            if (resourceMaxTs != Long.MIN_VALUE) {
                addTargetInfo(resource, identity, resourceMaxTs, c);
            }
        }
        List<SeriesSamples> series = new ArrayList<>(c.series.size());
        for (Map.Entry<Labels, Samples> e : c.series.entrySet()) {
            Samples s = e.getValue();
            series.add(new SeriesSamples(e.getKey(), Arrays.copyOf(s.timestamps, s.count), Arrays.copyOf(s.values, s.count),
                    s.count));
        }
        return new Mapped(new SampleBatch(series, new ArrayList<>(c.metadata.values())), c.rejected, c.firstRejection);
    }

    /** job and instance from the resource, in Prometheus's spelling. */
    private static Map<String, String> identity(List<KeyValue> resource) {
        Map<String, String> id = new LinkedHashMap<>();
        String service = AnyValues.stringAttribute(resource, "service.name");
        String namespace = AnyValues.stringAttribute(resource, "service.namespace");
        String instance = AnyValues.stringAttribute(resource, "service.instance.id");
        if (service != null && !service.isEmpty()) {
            id.put("job", namespace != null && !namespace.isEmpty() ? namespace + "/" + service : service);
        }
        if (instance != null && !instance.isEmpty()) {
            id.put("instance", instance);
        }
        return id;
    }

    /** Maps one metric; returns its latest timestamp in ms, or Long.MIN_VALUE. */
    private long mapMetric(Metric metric, Map<String, String> identity, Collector c) {
        String unit = metric.getUnit();
        long maxTs = Long.MIN_VALUE;
        switch (metric.getDataCase()) {
            case GAUGE -> {
                String name = name(metric, PrometheusNaming.Kind.GAUGE, MetricType.GAUGE, c);
                for (NumberDataPoint p : metric.getGauge().getDataPointsList()) {
                    maxTs = Math.max(maxTs, number(name, p, identity, c));
                }
            }
            case SUM -> {
                var sum = metric.getSum();
                if (sum.getAggregationTemporality() != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                    c.reject(sum.getDataPointsCount(), "invalid temporality and type combination for metric \""
                            + metric.getName() + "\" (delta sums are not converted)");
                    return maxTs;
                }
                boolean monotonic = sum.getIsMonotonic();
                String name = name(metric, monotonic ? PrometheusNaming.Kind.MONOTONIC_COUNTER
                        : PrometheusNaming.Kind.NON_MONOTONIC_COUNTER, monotonic ? MetricType.COUNTER : MetricType.GAUGE, c);
                for (NumberDataPoint p : sum.getDataPointsList()) {
                    maxTs = Math.max(maxTs, number(name, p, identity, c));
                }
            }
            case HISTOGRAM -> {
                var histogram = metric.getHistogram();
                if (histogram.getAggregationTemporality() != AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
                    c.reject(histogram.getDataPointsCount(), "invalid temporality and type combination for metric \""
                            + metric.getName() + "\" (delta histograms are not converted)");
                    return maxTs;
                }
                String name = name(metric, PrometheusNaming.Kind.HISTOGRAM, MetricType.HISTOGRAM, c);
                for (HistogramDataPoint p : histogram.getDataPointsList()) {
                    maxTs = Math.max(maxTs, histogram(name, p, identity, c));
                }
            }
            case SUMMARY -> {
                String name = name(metric, PrometheusNaming.Kind.SUMMARY, MetricType.SUMMARY, c);
                for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
                    maxTs = Math.max(maxTs, summary(name, p, identity, c));
                }
            }
            case EXPONENTIAL_HISTOGRAM -> c.reject(metric.getExponentialHistogram().getDataPointsCount(),
                    "exponential histogram \"" + metric.getName() + "\" needs native histograms, which are not stored yet");
            case DATA_NOT_SET -> {
                // An empty metric carries nothing to store.
            }
        }
        return maxTs;
    }

    private String name(Metric metric, PrometheusNaming.Kind kind, MetricType type, Collector c) {
        String name = PrometheusNaming.metricName(metric.getName(), metric.getUnit(), kind);
        if (!name.isEmpty() && !c.metadata.containsKey(name)) {
            c.metadata.put(name, new MetricMetadata(name, type, metric.getDescription(),
                    PrometheusNaming.unitName(metric.getUnit())));
        }
        return name;
    }

    private long number(String name, NumberDataPoint p, Map<String, String> identity, Collector c) {
        Labels.Builder b = pointLabels(p.getAttributesList(), identity);
        if (b == null) {
            c.reject(1, "data point attributes exceed the label limits");
            return Long.MIN_VALUE;
        }
        double v = switch (p.getValueCase()) {
            case AS_DOUBLE -> p.getAsDouble();
            case AS_INT -> p.getAsInt();
            case VALUE_NOT_SET -> 0;
        };
        long ts = millis(p.getTimeUnixNano());
        emit(name, b, ts, stale(p.getFlags()) ? Double.longBitsToDouble(STALE_NAN_BITS) : v, c);
        return ts;
    }

    private long histogram(String name, HistogramDataPoint p, Map<String, String> identity, Collector c) {
        Labels.Builder b = pointLabels(p.getAttributesList(), identity);
        if (b == null) {
            c.reject(1, "data point attributes exceed the label limits");
            return Long.MIN_VALUE;
        }
        long ts = millis(p.getTimeUnixNano());
        boolean stale = stale(p.getFlags());
        double staleNaN = Double.longBitsToDouble(STALE_NAN_BITS);
        if (p.hasSum()) {
            emit(name + "_sum", b, ts, stale ? staleNaN : p.getSum(), c);
        }
        emit(name + "_count", b, ts, stale ? staleNaN : p.getCount(), c);
        long cumulative = 0;
        for (int i = 0; i < p.getExplicitBoundsCount(); i++) {
            cumulative += i < p.getBucketCountsCount() ? p.getBucketCounts(i) : 0;
            b.add("le", AnyValues.formatDouble(p.getExplicitBounds(i)));
            emit(name + "_bucket", b, ts, stale ? staleNaN : cumulative, c);
        }
        b.add("le", "+Inf");
        emit(name + "_bucket", b, ts, stale ? staleNaN : p.getCount(), c);
        return ts;
    }

    private long summary(String name, SummaryDataPoint p, Map<String, String> identity, Collector c) {
        Labels.Builder b = pointLabels(p.getAttributesList(), identity);
        if (b == null) {
            c.reject(1, "data point attributes exceed the label limits");
            return Long.MIN_VALUE;
        }
        long ts = millis(p.getTimeUnixNano());
        boolean stale = stale(p.getFlags());
        double staleNaN = Double.longBitsToDouble(STALE_NAN_BITS);
        emit(name + "_sum", b, ts, stale ? staleNaN : p.getSum(), c);
        emit(name + "_count", b, ts, stale ? staleNaN : p.getCount(), c);
        for (SummaryDataPoint.ValueAtQuantile q : p.getQuantileValuesList()) {
            b.add("quantile", AnyValues.formatDouble(q.getQuantile()));
            emit(name, b, ts, stale ? staleNaN : q.getValue(), c);
        }
        return ts;
    }

    private void addTargetInfo(List<KeyValue> resource, Map<String, String> identity, long ts, Collector c) {
        if (identity.isEmpty()) {
            return;
        }
        List<KeyValue> rest = new ArrayList<>();
        for (KeyValue kv : resource) {
            if (!IDENTIFYING.contains(kv.getKey())) {
                rest.add(kv);
            }
        }
        if (rest.isEmpty()) {
            return;
        }
        Labels.Builder b = pointLabels(rest, identity);
        if (b == null) {
            c.reject(1, "resource attributes exceed the label limits for target_info");
            return;
        }
        c.metadata.putIfAbsent("target_info", new MetricMetadata("target_info", MetricType.GAUGE, "Target metadata", ""));
        emit("target_info", b, ts, 1, c);
    }

    /**
     * Attributes sorted by key, normalised; keys that normalise to the same name get their values
     * joined with ';' as Prometheus does; then job and instance. Null when over the limits.
     */
    private Labels.Builder pointLabels(List<KeyValue> attributes, Map<String, String> identity) {
        Map<String, String> labels = new LinkedHashMap<>();
        List<KeyValue> sorted = attributes;
        if (attributes.size() > 1) {
            sorted = new ArrayList<>(attributes);
            sorted.sort(BY_KEY);
        }
        for (KeyValue kv : sorted) {
            String name = PrometheusNaming.labelName(kv.getKey());
            String value = values.text(kv.getValue());
            if (name.isEmpty() || value.isEmpty()) {
                continue;
            }
            String previous = labels.get(name);
            labels.put(name, previous == null ? value : previous + ";" + value);
        }
        labels.putAll(identity);
        if (labels.size() + 2 > limits.maxLabelsPerSeries()) {
            return null;
        }
        Labels.Builder b = Labels.builder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey().length() > limits.maxLabelNameBytes()
                    || LabelRules.utf8Length(e.getValue()) > limits.maxLabelValueBytes()) {
                return null;
            }
            b.add(e.getKey(), e.getValue());
        }
        return b;
    }

    private static void emit(String name, Labels.Builder b, long ts, double value, Collector c) {
        if (!LabelRules.isValidMetricName(name) || onlyUnderscores(name)) {
            c.reject(1, "invalid metric name \"" + name + "\" after normalisation");
            return;
        }
        b.add(Labels.METRIC_NAME, name);
        Labels labels = b.build();
        b.remove(Labels.METRIC_NAME);
        Samples samples = c.series.get(labels);
        if (samples == null) {
            samples = new Samples();
            c.series.put(labels, samples);
        }
        samples.add(ts, value);
    }

    private static boolean onlyUnderscores(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean stale(int flags) {
        return (flags & DataPointFlags.DATA_POINT_FLAGS_NO_RECORDED_VALUE_MASK_VALUE) != 0;
    }

    private static long millis(long nanos) {
        return Long.divideUnsigned(nanos, 1_000_000L);
    }

    private static final class Samples {
        long[] timestamps = new long[2];
        double[] values = new double[2];
        int count;

        void add(long ts, double value) {
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            timestamps[count] = ts;
            values[count] = value;
            count++;
        }
    }

    private static final class Collector {
        final Map<Labels, Samples> series = new LinkedHashMap<>();
        final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
        long rejected;
        String firstRejection;

        void reject(long n, String reason) {
            if (n <= 0) {
                return;
            }
            rejected += n;
            if (firstRejection == null) {
                firstRejection = reason;
            }
        }
    }
}
