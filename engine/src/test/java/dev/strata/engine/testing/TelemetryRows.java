package dev.strata.engine.testing;

import java.util.SortedMap;

/** Plain rows of the four telemetry tables, as test generators produce them. */
public final class TelemetryRows {
    private TelemetryRows() {}

    /** One sample; {@code labels} excludes {@code __name__}. */
    public record Sample(long seriesId, String metric, SortedMap<String, String> labels, long tsMillis, double value) {}

    /** One series. */
    public record Series(long seriesId, String metric, SortedMap<String, String> labels, String metricType, String help, String unit) {}

    /** One log line. */
    public record Log(long streamId, SortedMap<String, String> labels, long tsNanos, String line, SortedMap<String, String> metadata,
            String traceId, String spanId, String level) {}

    /** One span (events and links are left empty). */
    public record Span(String traceId, String spanId, String parentSpanId, String name, String kind, String serviceName,
            long startNanos, long endNanos, String statusCode, String statusMessage,
            SortedMap<String, String> attributes, SortedMap<String, Long> attributesInt,
            SortedMap<String, String> resourceAttributes) {
        public long durationNanos() {
            return endNanos - startNanos;
        }
    }
}
