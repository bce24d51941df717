package dev.strata.ingest.pipeline;

import java.time.Duration;

/**
 * Per-request validation limits, shared by every protocol.
 *
 * @param maxDecompressedBytes largest body after snappy/gzip decompression (413 beyond)
 * @param maxLabelsPerSeries most labels in a series or log stream (including {@code __name__})
 * @param maxLabelNameBytes longest label name in UTF-8 bytes
 * @param maxLabelValueBytes longest label value in UTF-8 bytes
 * @param maxLineBytes longest log line in UTF-8 bytes (Loki's {@code max_line_size})
 * @param creationGracePeriod how far in the future a sample or log timestamp may lie
 *     (Prometheus's remote-write receiver and Loki both use 10 minutes); zero disables the check
 * @param seriesCacheEntries slots of the remote-write series cache (a power of two)
 */
public record IngestLimits(
        long maxDecompressedBytes,
        int maxLabelsPerSeries,
        int maxLabelNameBytes,
        int maxLabelValueBytes,
        int maxLineBytes,
        Duration creationGracePeriod,
        int seriesCacheEntries) {
    public static final IngestLimits DEFAULT = new IngestLimits(
            64L << 20, 64, 1024, 16 * 1024, 256 * 1024, Duration.ofMinutes(10), 1 << 16);

    public IngestLimits {
        if (maxDecompressedBytes <= 0 || maxDecompressedBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxDecompressedBytes out of range: " + maxDecompressedBytes);
        }
        if (maxLabelsPerSeries <= 0 || maxLabelNameBytes <= 0 || maxLabelValueBytes <= 0 || maxLineBytes <= 0) {
            throw new IllegalArgumentException("label and line limits must be positive");
        }
        if (creationGracePeriod == null || creationGracePeriod.isNegative()) {
            throw new IllegalArgumentException("creationGracePeriod must be zero or positive");
        }
        if (seriesCacheEntries <= 0 || Integer.bitCount(seriesCacheEntries) != 1) {
            throw new IllegalArgumentException("seriesCacheEntries must be a power of two: " + seriesCacheEntries);
        }
    }

    /** The latest acceptable timestamp, or {@link Long#MAX_VALUE} when the check is off. */
    public long maxTimestampMillis(long nowMillis) {
        return creationGracePeriod.isZero() ? Long.MAX_VALUE : nowMillis + creationGracePeriod.toMillis();
    }
}
