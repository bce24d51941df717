package dev.strata.promql.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values follow Go's strconv.ParseInt(s, 0, 64) / ParseFloat and FormatFloat(v, 'f', -1, 64). */
final class TestPromNumbers {
    @Test
    void parsesIntegersWithBasePrefixesThenFloats() throws LiteralSyntaxException {
        assertThat(PromNumbers.parse("42")).isEqualTo(42.0);
        assertThat(PromNumbers.parse("0x3d")).isEqualTo(61.0);
        assertThat(PromNumbers.parse("0X_FF")).isEqualTo(255.0);
        assertThat(PromNumbers.parse("010")).isEqualTo(8.0);
        assertThat(PromNumbers.parse("089")).isEqualTo(89.0);
        assertThat(PromNumbers.parse("1_000")).isEqualTo(1000.0);
        assertThat(PromNumbers.parse("1.23e-3")).isEqualTo(0.00123);
        assertThat(PromNumbers.parse("99999999999999999999")).isEqualTo(1e20);
        assertThat(PromNumbers.parse("INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PromNumbers.parse("nAn")).isNaN();
    }

    @Test
    void rejectsOverflowingFloats() {
        assertThatThrownBy(() -> PromNumbers.parse("1e400"))
                .hasMessage("error parsing number: strconv.ParseFloat: parsing \"1e400\": value out of range");
    }

    @Test
    void formatsShortestWithoutExponent() {
        assertThat(PromNumbers.format(1.0)).isEqualTo("1");
        assertThat(PromNumbers.format(0.1)).isEqualTo("0.1");
        assertThat(PromNumbers.format(-0.0000002)).isEqualTo("-0.0000002");
        assertThat(PromNumbers.format(1e21)).isEqualTo("1000000000000000000000");
        assertThat(PromNumbers.format(12340000)).isEqualTo("12340000");
        assertThat(PromNumbers.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PromNumbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
        assertThat(PromNumbers.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PromNumbers.format(-0.0)).isEqualTo("-0");
    }
}
