package dev.strata.storage.write;

/** Metric types as remote_write metadata and OTLP name them (Prometheus spelling). */
public enum MetricType {
    UNKNOWN, COUNTER, GAUGE, HISTOGRAM, GAUGEHISTOGRAM, SUMMARY, INFO, STATESET;

    public String prometheusName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
