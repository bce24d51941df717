package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.table.TelemetryTables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the store is configured with. Immutable; build with {@link #builder(Path)}, which
 * holds the defaults, or bind {@code storage.*} properties with {@link #fromProperties}.
 *
 * @param dataDir root of the WAL, parts and manifest
 * @param fsyncPolicy {@code storage.wal.fsync}
 * @param walSegmentBytes {@code storage.wal.segment-size}: a segment is closed once it is this large
 * @param headMaxRows {@code storage.head.max-rows}: the head is sealed once it holds this many rows
 * @param headMaxBytes {@code storage.head.max-bytes}: ... or this many (estimated) bytes
 * @param headMaxAge {@code storage.head.max-age}: ... or its oldest row arrived this long ago
 * @param compactionMinParts {@code storage.compaction.min-parts}: merge a tenant/table/day once it has this many small parts
 * @param compactionSmallPartBytes {@code storage.compaction.small-part-bytes}: parts below this size are merge candidates
 * @param backgroundInterval {@code storage.background.interval}: period of the seal, compaction and retention checks
 * @param scanBatchRows {@code storage.scan.batch-rows}: rows per Arrow batch a head scan yields
 * @param scanHeadSplitRows {@code storage.scan.head-split-rows}: a scan cuts each head generation
 *     into splits of about this many rows (whole series each, at most
 *     {@link #MAX_HEAD_SPLITS} per generation) that a query's workers read concurrently
 * @param retention {@code storage.retention.<table>}: how long rows of a table are kept; absent = forever
 * @param tenantRetention {@code storage.retention.<table>.tenant.<tenant>}: per-tenant overrides
 * @param clock the time source of every job (injected, fixed in tests)
 */
public record StorageConfig(
        Path dataDir,
        FsyncPolicy fsyncPolicy,
        long walSegmentBytes,
        long headMaxRows,
        long headMaxBytes,
        Duration headMaxAge,
        int compactionMinParts,
        long compactionSmallPartBytes,
        Duration backgroundInterval,
        int scanBatchRows,
        int scanHeadSplitRows,
        Map<String, Duration> retention,
        Map<String, Map<String, Duration>> tenantRetention,
        Clock clock) {
    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.ALWAYS;
    public static final long DEFAULT_WAL_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_HEAD_MAX_ROWS = 8_000_000;
    public static final long DEFAULT_HEAD_MAX_BYTES = 512L << 20;
    public static final Duration DEFAULT_HEAD_MAX_AGE = Duration.ofHours(2);
    public static final int DEFAULT_COMPACTION_MIN_PARTS = 4;
    public static final long DEFAULT_COMPACTION_SMALL_PART_BYTES = 64L << 20;
    public static final Duration DEFAULT_BACKGROUND_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_SCAN_BATCH_ROWS = 8192;
    /** A head split is a few batches: enough to amortise opening it, small enough to balance two or more workers. */
    public static final int DEFAULT_SCAN_HEAD_SPLIT_ROWS = 64 * 1024;
    public static final int MAX_HEAD_SPLITS = 64;
    /** Prometheus keeps 15 days, Tempo 14; Loki's usual production setting is 31 days. */
    public static final Map<String, Duration> DEFAULT_RETENTION = Map.of(
            TelemetryTables.SAMPLES, Duration.ofDays(15),
            TelemetryTables.LOGS, Duration.ofDays(31),
            TelemetryTables.SPANS, Duration.ofDays(14));

    public StorageConfig {
        requireNonNull(dataDir, "dataDir is null");
        requireNonNull(fsyncPolicy, "fsyncPolicy is null");
        requireNonNull(headMaxAge, "headMaxAge is null");
        requireNonNull(backgroundInterval, "backgroundInterval is null");
        requireNonNull(clock, "clock is null");
        retention = Map.copyOf(requireNonNull(retention, "retention is null"));
        Map<String, Map<String, Duration>> copy = new HashMap<>();
        requireNonNull(tenantRetention, "tenantRetention is null").forEach((table, byTenant) -> copy.put(table, Map.copyOf(byTenant)));
        tenantRetention = Map.copyOf(copy);
        checkPositive(walSegmentBytes, "walSegmentBytes");
        checkPositive(headMaxRows, "headMaxRows");
        checkPositive(headMaxBytes, "headMaxBytes");
        checkPositive(headMaxAge.toMillis(), "headMaxAge");
        checkPositive(compactionMinParts - 1, "compactionMinParts - 1");
        checkPositive(compactionSmallPartBytes, "compactionSmallPartBytes");
        checkPositive(backgroundInterval.toMillis(), "backgroundInterval");
        checkPositive(scanBatchRows, "scanBatchRows");
        checkPositive(scanHeadSplitRows, "scanHeadSplitRows");
        for (String table : retention.keySet()) {
            TelemetryTables.schema(table);
        }
        for (String table : tenantRetention.keySet()) {
            TelemetryTables.schema(table);
        }
    }

    private static void checkPositive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** How long rows of {@code table} are kept for {@code tenant}; empty = forever. */
    public Optional<Duration> retention(String table, String tenant) {
        Map<String, Duration> overrides = tenantRetention.get(table);
        if (overrides != null && overrides.containsKey(tenant)) {
            return Optional.of(overrides.get(tenant));
        }
        return Optional.ofNullable(retention.get(table));
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.fsyncPolicy = fsyncPolicy;
        b.walSegmentBytes = walSegmentBytes;
        b.headMaxRows = headMaxRows;
        b.headMaxBytes = headMaxBytes;
        b.headMaxAge = headMaxAge;
        b.compactionMinParts = compactionMinParts;
        b.compactionSmallPartBytes = compactionSmallPartBytes;
        b.backgroundInterval = backgroundInterval;
        b.scanBatchRows = scanBatchRows;
        b.scanHeadSplitRows = scanHeadSplitRows;
        b.retention = new HashMap<>(retention);
        tenantRetention.forEach((table, m) -> b.tenantRetention.put(table, new HashMap<>(m)));
        b.clock = clock;
        return b;
    }

    /**
     * Binds {@code storage.*} properties over the defaults; unknown {@code storage.} keys fail
     * fast. Sizes are bytes with an optional {@code B|KiB|MiB|GiB} suffix; durations take
     * {@code ms|s|m|h|d} ({@code 500ms}, {@code 15d}) or ISO-8601 ({@code PT2H}), as every
     * Strata key does.
     */
    public static StorageConfig fromProperties(Path dataDir, Map<String, String> properties, Clock clock) {
        Builder b = builder(dataDir).clock(clock);
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim();
            if (!key.startsWith("storage.")) {
                continue;
            }
            switch (key) {
                case "storage.wal.fsync" -> b.fsyncPolicy(FsyncPolicy.parse(value));
                case "storage.wal.segment-size" -> b.walSegmentBytes(parseSize(key, value));
                case "storage.head.max-rows" -> b.headMaxRows(Long.parseLong(value));
                case "storage.head.max-bytes" -> b.headMaxBytes(parseSize(key, value));
                case "storage.head.max-age" -> b.headMaxAge(parseDuration(key, value));
                case "storage.compaction.min-parts" -> b.compactionMinParts(Integer.parseInt(value));
                case "storage.compaction.small-part-bytes" -> b.compactionSmallPartBytes(parseSize(key, value));
                case "storage.background.interval" -> b.backgroundInterval(parseDuration(key, value));
                case "storage.scan.batch-rows" -> b.scanBatchRows(Integer.parseInt(value));
                case "storage.scan.head-split-rows" -> b.scanHeadSplitRows(Integer.parseInt(value));
                default -> bindRetention(b, key, value);
            }
        }
        return b.build();
    }

    private static void bindRetention(Builder b, String key, String value) {
        String prefix = "storage.retention.";
        if (!key.startsWith(prefix)) {
            throw new IllegalArgumentException("unknown storage property: " + key);
        }
        String rest = key.substring(prefix.length());
        int tenantAt = rest.indexOf(".tenant.");
        if (tenantAt < 0) {
            b.retention(rest, parseDuration(key, value));
        } else {
            b.tenantRetention(rest.substring(0, tenantAt), rest.substring(tenantAt + ".tenant.".length()), parseDuration(key, value));
        }
    }

    static long parseSize(String key, String value) {
        String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"B", "1"}};
        try {
            for (String[] unit : units) {
                if (value.endsWith(unit[0])) {
                    return Math.multiplyExact(Long.parseLong(value.substring(0, value.length() - unit[0].length()).trim()),
                            Long.parseLong(unit[1]));
                }
            }
            return Long.parseLong(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid size for " + key + ": " + value, e);
        }
    }

    static Duration parseDuration(String key, String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value);
            }
            String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
            for (String[] unit : units) {
                if (value.endsWith(unit[0])) {
                    String number = value.substring(0, value.length() - unit[0].length()).trim();
                    if (!number.isEmpty() && Character.isDigit(number.charAt(number.length() - 1))) {
                        return Duration.ofMillis(Math.multiplyExact(Long.parseLong(number), Long.parseLong(unit[1])));
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid duration for " + key + ": " + value, e);
        }
        throw new IllegalArgumentException("invalid duration for " + key + " (500ms, 30s, 5m, 2h, 15d): " + value);
    }

    /** Mutable builder holding the defaults; not thread-safe. */
    public static final class Builder {
        private final Path dataDir;
        private FsyncPolicy fsyncPolicy = DEFAULT_FSYNC;
        private long walSegmentBytes = DEFAULT_WAL_SEGMENT_BYTES;
        private long headMaxRows = DEFAULT_HEAD_MAX_ROWS;
        private long headMaxBytes = DEFAULT_HEAD_MAX_BYTES;
        private Duration headMaxAge = DEFAULT_HEAD_MAX_AGE;
        private int compactionMinParts = DEFAULT_COMPACTION_MIN_PARTS;
        private long compactionSmallPartBytes = DEFAULT_COMPACTION_SMALL_PART_BYTES;
        private Duration backgroundInterval = DEFAULT_BACKGROUND_INTERVAL;
        private int scanBatchRows = DEFAULT_SCAN_BATCH_ROWS;
        private int scanHeadSplitRows = DEFAULT_SCAN_HEAD_SPLIT_ROWS;
        private Map<String, Duration> retention = new HashMap<>(DEFAULT_RETENTION);
        private final Map<String, Map<String, Duration>> tenantRetention = new HashMap<>();
        private Clock clock = Clock.systemUTC();

        private Builder(Path dataDir) {
            this.dataDir = requireNonNull(dataDir, "dataDir is null");
        }

        public Builder fsyncPolicy(FsyncPolicy value) {
            this.fsyncPolicy = value;
            return this;
        }

        public Builder walSegmentBytes(long value) {
            this.walSegmentBytes = value;
            return this;
        }

        public Builder headMaxRows(long value) {
            this.headMaxRows = value;
            return this;
        }

        public Builder headMaxBytes(long value) {
            this.headMaxBytes = value;
            return this;
        }

        public Builder headMaxAge(Duration value) {
            this.headMaxAge = value;
            return this;
        }

        public Builder compactionMinParts(int value) {
            this.compactionMinParts = value;
            return this;
        }

        public Builder compactionSmallPartBytes(long value) {
            this.compactionSmallPartBytes = value;
            return this;
        }

        public Builder backgroundInterval(Duration value) {
            this.backgroundInterval = value;
            return this;
        }

        public Builder scanBatchRows(int value) {
            this.scanBatchRows = value;
            return this;
        }

        public Builder scanHeadSplitRows(int value) {
            this.scanHeadSplitRows = value;
            return this;
        }

        public Builder retention(String table, Duration value) {
            retention.put(table, value);
            return this;
        }

        /** Keeps {@code table} forever (unless a tenant override says otherwise). */
        public Builder noRetention(String table) {
            retention.remove(table);
            return this;
        }

        public Builder tenantRetention(String table, String tenant, Duration value) {
            tenantRetention.computeIfAbsent(table, t -> new HashMap<>()).put(tenant, value);
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public StorageConfig build() {
            return new StorageConfig(dataDir, fsyncPolicy, walSegmentBytes, headMaxRows, headMaxBytes, headMaxAge,
                    compactionMinParts, compactionSmallPartBytes, backgroundInterval, scanBatchRows, scanHeadSplitRows, retention,
                    tenantRetention, clock);
        }
    }
}
