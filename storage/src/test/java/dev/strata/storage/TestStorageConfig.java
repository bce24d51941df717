package dev.strata.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.storage.testing.FixedClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class TestStorageConfig {
    private static final Path DIR = Path.of("/data");
    private static final FixedClock CLOCK = new FixedClock(Instant.EPOCH);

    @Test
    void defaults() {
        StorageConfig config = StorageConfig.builder(DIR).clock(CLOCK).build();
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(config.walSegmentBytes()).isEqualTo(64L << 20);
        assertThat(config.headMaxRows()).isEqualTo(8_000_000);
        assertThat(config.headMaxBytes()).isEqualTo(512L << 20);
        assertThat(config.headMaxAge()).isEqualTo(Duration.ofHours(2));
        assertThat(config.compactionMinParts()).isEqualTo(4);
        assertThat(config.compactionSmallPartBytes()).isEqualTo(64L << 20);
        assertThat(config.backgroundInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.scanBatchRows()).isEqualTo(8192);
        assertThat(config.retention("samples", "any")).contains(Duration.ofDays(15));
        assertThat(config.retention("logs", "any")).contains(Duration.ofDays(31));
        assertThat(config.retention("spans", "any")).contains(Duration.ofDays(14));
        assertThat(config.retention("series", "any")).isEmpty();
    }

    @Test
    void fullPropertyMapping() {
        Map<String, String> properties = Map.ofEntries(
                Map.entry("storage.wal.fsync", "interval:250ms"),
                Map.entry("storage.wal.segment-size", "1MiB"),
                Map.entry("storage.head.max-rows", "1000"),
                Map.entry("storage.head.max-bytes", "2000"),
                Map.entry("storage.head.max-age", "5m"),
                Map.entry("storage.compaction.min-parts", "3"),
                Map.entry("storage.compaction.small-part-bytes", "4096"),
                Map.entry("storage.background.interval", "1000ms"),
                Map.entry("storage.scan.batch-rows", "100"),
                Map.entry("storage.retention.samples", "30d"),
                Map.entry("storage.retention.logs.tenant.team-a", "P7D"),
                Map.entry("server.port", "ignored"));
        StorageConfig expected = StorageConfig.builder(DIR)
                .clock(CLOCK)
                .fsyncPolicy(FsyncPolicy.interval(Duration.ofMillis(250)))
                .walSegmentBytes(1 << 20)
                .headMaxRows(1000)
                .headMaxBytes(2000)
                .headMaxAge(Duration.ofMinutes(5))
                .compactionMinParts(3)
                .compactionSmallPartBytes(4096)
                .backgroundInterval(Duration.ofSeconds(1))
                .scanBatchRows(100)
                .retention("samples", Duration.ofDays(30))
                .tenantRetention("logs", "team-a", Duration.ofDays(7))
                .build();
        StorageConfig bound = StorageConfig.fromProperties(DIR, properties, CLOCK);
        assertThat(bound).isEqualTo(expected);
        assertThat(bound.retention("logs", "team-a")).isEqualTo(Optional.of(Duration.ofDays(7)));
        assertThat(bound.retention("logs", "team-b")).isEqualTo(Optional.of(Duration.ofDays(31)));
    }

    @Test
    void invalidValuesFailFast() {
        assertThatThrownBy(() -> StorageConfig.fromProperties(DIR, Map.of("storage.wal.typo", "1"), CLOCK))
                .hasMessageContaining("storage.wal.typo");
        assertThatThrownBy(() -> StorageConfig.builder(DIR).walSegmentBytes(0).build()).hasMessageContaining("walSegmentBytes");
        assertThatThrownBy(() -> StorageConfig.builder(DIR).retention("metrics", Duration.ofDays(1)).build())
                .hasMessageContaining("unknown table");
        assertThatThrownBy(() -> StorageConfig.fromProperties(DIR, Map.of("storage.head.max-age", "5 parsecs"), CLOCK))
                .hasMessageContaining("storage.head.max-age");
        assertThatThrownBy(() -> StorageConfig.fromProperties(DIR, Map.of("storage.head.max-bytes", "1TB"), CLOCK))
                .hasMessageContaining("storage.head.max-bytes");
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).hasMessageContaining("invalid fsync policy");
        assertThat(FsyncPolicy.parse(FsyncPolicy.interval(Duration.ofMillis(10)).toString())).isEqualTo(FsyncPolicy.interval(Duration.ofMillis(10)));
    }
}
