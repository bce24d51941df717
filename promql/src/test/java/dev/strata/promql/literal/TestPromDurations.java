package dev.strata.promql.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values follow Prometheus's model.ParseDuration and Duration.String(). */
final class TestPromDurations {
    @Test
    void parsesEveryUnitInOrder() throws LiteralSyntaxException {
        assertThat(PromDurations.parseMillis("0")).isZero();
        assertThat(PromDurations.parseMillis("250ms")).isEqualTo(250);
        assertThat(PromDurations.parseMillis("1h30m")).isEqualTo(5_400_000);
        assertThat(PromDurations.parseMillis("1y2w3d4h5m6s7ms"))
                .isEqualTo(365L * 86_400_000 + 14L * 86_400_000 + 3L * 86_400_000 + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7);
    }

    @Test
    void rejectsMalformedDurations() {
        assertThatThrownBy(() -> PromDurations.parseMillis("5m1h")).hasMessage("not a valid duration string: \"5m1h\"");
        assertThatThrownBy(() -> PromDurations.parseMillis("5m1m")).hasMessage("not a valid duration string: \"5m1m\"");
        assertThatThrownBy(() -> PromDurations.parseMillis("5y1hs")).hasMessage("unknown unit \"hs\" in duration \"5y1hs\"");
        assertThatThrownBy(() -> PromDurations.parseMillis("")).hasMessage("empty duration string");
        assertThatThrownBy(() -> PromDurations.parseMillis("300y")).hasMessage("duration out of range");
    }

    @Test
    void formatsWithLargestUnitsFirst() {
        assertThat(PromDurations.format(0)).isEqualTo("0s");
        assertThat(PromDurations.format(5_400_000)).isEqualTo("1h30m");
        assertThat(PromDurations.format(1_500)).isEqualTo("1s500ms");
        assertThat(PromDurations.format(7L * 86_400_000)).isEqualTo("1w");
        // weeks and years only when exact: 90d, not 12w6d
        assertThat(PromDurations.format(90L * 86_400_000)).isEqualTo("90d");
        assertThat(PromDurations.format(365L * 86_400_000)).isEqualTo("1y");
        assertThat(PromDurations.format(366L * 86_400_000)).isEqualTo("366d");
    }
}
