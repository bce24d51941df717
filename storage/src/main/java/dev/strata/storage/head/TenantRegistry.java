package dev.strata.storage.head;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.write.MetricMetadata;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the store knows of one tenant across seals and restarts: its series, its log streams and
 * the metadata of its metric families. Thread-safe.
 */
public final class TenantRegistry {
    private static final String[] FAMILY_SUFFIXES = {"_bucket", "_sum", "_count", "_total", "_created", "_info", "_gcount", "_gsum"};

    private final String tenant;
    private final LabelSetRegistry series = new LabelSetRegistry();
    private final LabelSetRegistry streams = new LabelSetRegistry();
    private final Map<String, MetricMetadata> metadata = new ConcurrentHashMap<>();

    public TenantRegistry(String tenant) {
        this.tenant = requireNonNull(tenant, "tenant is null");
    }

    public String tenant() {
        return tenant;
    }

    public LabelSetRegistry series() {
        return series;
    }

    public LabelSetRegistry streams() {
        return streams;
    }

    public void putMetadata(MetricMetadata value) {
        metadata.put(value.metricFamily(), value);
    }

    /** Every family's metadata, sorted by family name. */
    public List<MetricMetadata> metadata() {
        List<MetricMetadata> all = new ArrayList<>(metadata.values());
        all.sort(Comparator.comparing(MetricMetadata::metricFamily));
        return all;
    }

    /**
     * Metadata of the family a metric belongs to: the metric's own name first, then the name
     * without a histogram/summary/counter suffix; null when unknown.
     */
    public MetricMetadata metadataFor(String metric) {
        if (metric == null) {
            return null;
        }
        MetricMetadata exact = metadata.get(metric);
        if (exact != null) {
            return exact;
        }
        for (String suffix : FAMILY_SUFFIXES) {
            if (metric.endsWith(suffix)) {
                MetricMetadata family = metadata.get(metric.substring(0, metric.length() - suffix.length()));
                if (family != null) {
                    return family;
                }
            }
        }
        return null;
    }
}
