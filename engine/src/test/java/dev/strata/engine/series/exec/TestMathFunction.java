package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Logarithms to the bit, against values Prometheus 2.42 printed for {@code ln(vector(x))},
 * {@code log2(vector(x))} and {@code log10(vector(x))} (Go's shortest float formatting, so each
 * decimal names exactly one double); Java's {@code Math.log}/{@code Math.log10} differ from
 * several of them by one ulp.
 */
final class TestMathFunction {
    @Test
    void logarithmsMatchPrometheusExactly() {
        double[] x = {1000, 8, 10, 3, 0.001, 7.5, 123456789};
        double[] ln = {6.907755278982137, 2.0794415416798357, 2.302585092994046, 1.0986122886681096, -6.907755278982137,
            2.0149030205422647, 18.63140176616802};
        double[] log2 = {9.965784284662087, 3, 3.321928094887362, 1.5849625007211563, -9.965784284662087, 2.9068905956085187,
            26.879430932860473};
        double[] log10 = {3, 0.9030899869919435, 1, 0.4771212547196624, -3, 0.8750612633917, 8.09151497716927};
        for (int i = 0; i < x.length; i++) {
            assertThat(MathFunction.LN.apply(x[i], 0, 0)).as("ln(%s)", x[i]).isEqualTo(ln[i]);
            assertThat(MathFunction.LOG2.apply(x[i], 0, 0)).as("log2(%s)", x[i]).isEqualTo(log2[i]);
            assertThat(MathFunction.LOG10.apply(x[i], 0, 0)).as("log10(%s)", x[i]).isEqualTo(log10[i]);
        }
    }

    @Test
    void log2IsExactForPowersOfTwoAndFollowsGoSpecialCases() {
        assertThat(MathFunction.log2(0x1p29)).isEqualTo(29);
        assertThat(MathFunction.log2(0x1p-1074)).isEqualTo(-1074);
        assertThat(MathFunction.log2(0.5)).isEqualTo(-1);
        assertThat(MathFunction.log2(0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(MathFunction.log2(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(MathFunction.log2(-2)).isNaN();
        assertThat(MathFunction.log2(Double.NaN)).isNaN();
    }
}
