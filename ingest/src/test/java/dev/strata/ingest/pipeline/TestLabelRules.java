package dev.strata.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TestLabelRules {
    @Test
    void names() {
        assertThat(LabelRules.isValidLabelName("_a1")).isTrue();
        assertThat(LabelRules.isValidLabelName("1a")).isFalse();
        assertThat(LabelRules.isValidLabelName("a:b")).isFalse();
        assertThat(LabelRules.isValidLabelName("")).isFalse();
        assertThat(LabelRules.isValidMetricName("ns:metric_total")).isTrue();
        assertThat(LabelRules.isValidMetricName("a-b")).isFalse();
        byte[] bytes = "a.b".getBytes(StandardCharsets.UTF_8);
        assertThat(LabelRules.isValidLabelName(bytes, 0, 1)).isTrue();
        assertThat(LabelRules.isValidLabelName(bytes, 0, 3)).isFalse();
    }

    @Test
    void utf8() {
        byte[] good = "aé✓😀".getBytes(StandardCharsets.UTF_8);
        assertThat(LabelRules.isValidUtf8(good, 0, good.length)).isTrue();
        assertThat(LabelRules.isValidUtf8(new byte[] {(byte) 0xc0, (byte) 0x80}, 0, 2)).as("overlong").isFalse();
        assertThat(LabelRules.isValidUtf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, 0, 3)).as("surrogate").isFalse();
        assertThat(LabelRules.isValidUtf8(new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, 0, 4)).isFalse();
        assertThat(LabelRules.isValidUtf8(good, 0, good.length - 1)).as("truncated").isFalse();
        assertThat(LabelRules.utf8Length("aé✓😀")).isEqualTo(good.length);
    }
}
