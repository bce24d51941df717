package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;

/**
 * One log line of a stream.
 *
 * @param timestampNanos Unix epoch nanoseconds
 * @param metadata structured metadata (Loki) or log record attributes (OTLP); may be empty
 * @param traceId lower-case hex, or null
 * @param spanId lower-case hex, or null
 * @param level normalised level (debug, info, warn, error, fatal, trace, unknown), or null
 */
public record LogEntry(long timestampNanos, String line, Labels metadata, String traceId, String spanId, String level) {
    public LogEntry {
        requireNonNull(line, "line is null");
        requireNonNull(metadata, "metadata is null");
    }
}
