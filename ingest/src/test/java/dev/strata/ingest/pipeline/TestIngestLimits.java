package dev.strata.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestIngestLimits {
    @Test
    void pinsDefaults() {
        IngestLimits d = IngestLimits.DEFAULT;
        assertThat(d.maxDecompressedBytes()).isEqualTo(64L << 20);
        assertThat(d.maxLabelsPerSeries()).isEqualTo(64);
        assertThat(d.maxLabelNameBytes()).isEqualTo(1024);
        assertThat(d.maxLabelValueBytes()).isEqualTo(16 * 1024);
        assertThat(d.maxLineBytes()).isEqualTo(256 * 1024);
        assertThat(d.creationGracePeriod()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.seriesCacheEntries()).isEqualTo(1 << 16);
    }

    @Test
    void futureBound() {
        assertThat(IngestLimits.DEFAULT.maxTimestampMillis(1_000)).isEqualTo(601_000);
        IngestLimits off = new IngestLimits(1, 1, 1, 1, 1, Duration.ZERO, 1);
        assertThat(off.maxTimestampMillis(1_000)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new IngestLimits(0, 1, 1, 1, 1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestLimits(1, 0, 1, 1, 1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestLimits(1, 1, 1, 1, 1, Duration.ofSeconds(-1), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IngestLimits(1, 1, 1, 1, 1, Duration.ZERO, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
