package dev.strata.engine.series;

import dev.strata.spi.model.Labels;

/**
 * Dropping the metric name, as functions and arithmetic do. The {@code __type__} and
 * {@code __unit__} labels (Prometheus's type-and-unit labels) describe the name and go with it.
 */
final class MetricName {
    private MetricName() {}

    static Labels drop(Labels labels) {
        if (labels.get("__type__") == null && labels.get("__unit__") == null) {
            return labels.withoutMetricName();
        }
        return Labels.builder().addAll(labels).remove(Labels.METRIC_NAME).remove("__type__").remove("__unit__").build();
    }
}
