package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.Labels;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Prometheus's label hash: XXH64 against the specification's reference values, and its input layout. */
final class TestLabelsHash {
    @Test
    void xxh64MatchesTheSpecificationsReferenceValues() {
        assertThat(LabelsHash.xxh64(new byte[0])).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(LabelsHash.xxh64(bytes("a"))).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(LabelsHash.xxh64(bytes("abc"))).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(LabelsHash.xxh64(bytes("asdf"))).isEqualTo(0x415872F599CEA71EL);
        assertThat(LabelsHash.xxh64(bytes("Call me Ishmael."))).isEqualTo(0x6D04390FC9D61A90L);
        // 39 bytes: one 32-byte stripe, then the 8-, 4- and 1-byte tails
        assertThat(LabelsHash.xxh64(bytes("Nobody inspects the spammish repetition"))).isEqualTo(0xFBCEA83C8A378BF1L);
    }

    @Test
    void labelsAreHashedAsNameSeparatorValueSeparator() {
        Labels labels = Labels.builder().add("job", "api").add("__name__", "up").build();
        assertThat(LabelsHash.of(labels)).isEqualTo(LabelsHash.xxh64(latin1("__name__\u00ffup\u00ffjob\u00ffapi\u00ff")));
    }

    @Test
    void offsetsSpanZeroToOne() {
        assertThat(LabelsHash.unitOffset(0)).isZero();
        assertThat(LabelsHash.unitOffset(-1L)).isEqualTo(1.0);
        assertThat(LabelsHash.unitOffset(Long.MIN_VALUE)).isEqualTo(0.5);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code s} as single bytes, so U+00FF stands for the raw separator byte 0xff. */
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
