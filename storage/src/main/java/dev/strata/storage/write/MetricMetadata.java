package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

/** Type, help and unit of a metric family, as remote_write 1.0 sends it. */
public record MetricMetadata(String metricFamily, MetricType type, String help, String unit) {
    public MetricMetadata {
        requireNonNull(metricFamily, "metricFamily is null");
        requireNonNull(type, "type is null");
        requireNonNull(help, "help is null");
        requireNonNull(unit, "unit is null");
    }
}
