package dev.strata.storage.part.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TestSampleValues {
    @Test
    void integersBecomeMantissasOverOne() {
        SampleValues.Splitter splitter = new SampleValues.Splitter();
        assertThat(splitter.split(1234.0)).isTrue();
        assertThat(splitter.mantissa()).isEqualTo(1234L);
        assertThat(splitter.divisor()).isEqualTo(1.0);
        assertThat(splitter.split(-0x1p63)).isTrue();
        assertThat(splitter.mantissa()).isEqualTo(Long.MIN_VALUE);
        assertThat(splitter.split(0x1p60)).isTrue();
        assertThat(splitter.mantissa()).isEqualTo(1L << 60);
    }

    @Test
    void shortDecimalsBecomeMantissasOverPowersOfTen() {
        SampleValues.Splitter splitter = new SampleValues.Splitter();
        assertThat(splitter.split(12.34)).isTrue();
        assertThat(splitter.mantissa()).isEqualTo(1234L);
        assertThat(splitter.divisor()).isEqualTo(100.0);
        assertThat(splitter.split(-0.000001)).isTrue();
        assertThat(splitter.mantissa()).isEqualTo(-1L);
        assertThat(splitter.divisor()).isEqualTo(1e6);
    }

    @Test
    void theScaleSticksWhileItStillFits() {
        SampleValues.Splitter splitter = new SampleValues.Splitter();
        assertThat(splitter.split(1.25)).isTrue();
        assertThat(splitter.split(2.5)).isTrue();
        // 2.5 fits at the previous scale: 250 / 100 rather than 25 / 10, so deltas stay in one unit
        assertThat(splitter.mantissa()).isEqualTo(250L);
        assertThat(splitter.divisor()).isEqualTo(100.0);
    }

    @Test
    void whatDoesNotComeBackExactlyStaysDouble() {
        SampleValues.Splitter splitter = new SampleValues.Splitter();
        for (double v : new double[] {Double.NaN, Double.longBitsToDouble(0x7ff0000000000002L), Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.1 + 0.2, 1e-300, Double.MAX_VALUE, 0x1p64}) {
            assertThat(splitter.split(v)).as("%s", v).isFalse();
        }
    }

    @Test
    void everyMantissaJoinsBackToTheSameBits() {
        SampleValues.Splitter splitter = new SampleValues.Splitter();
        Random random = new Random(5);
        int split = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = switch (i % 4) {
                case 0 -> random.nextInt();
                case 1 -> Math.round(random.nextGaussian() * 1e8) / 1e4;
                case 2 -> random.nextDouble();
                default -> Double.longBitsToDouble(random.nextLong());
            };
            if (splitter.split(v)) {
                split++;
                assertThat(Double.doubleToRawLongBits(SampleValues.join(splitter.mantissa(), splitter.divisor())))
                        .as("%s", v).isEqualTo(Double.doubleToRawLongBits(v));
            }
        }
        assertThat(split).isGreaterThanOrEqualTo(50_000);
    }
}
