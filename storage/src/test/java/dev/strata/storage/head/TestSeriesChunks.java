package dev.strata.storage.head;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TestSeriesChunks {
    private static final long STALE_NAN = 0x7ff0000000000002L;

    @Test
    void roundTripsRegularScrapes() {
        int n = 1000;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1_795_479_610_000L + 10_000L * i;
            values[i] = 100 + 3 * i;
        }
        SeriesChunks chunks = new SeriesChunks(10);
        for (int i = 0; i < n; i += 10) {
            chunks.append(ts, values, i, 10);
        }
        assertRoundTrip(chunks, ts, values, n);
        // regular timestamps cost one bit; small integer steps a few bits more
        assertThat(encodedBytes(chunks.view())).isLessThan(3L * n);
    }

    @Test
    void keepsEveryBitPattern() {
        long[] patterns = {
                STALE_NAN, Double.doubleToRawLongBits(Double.NaN), 0x7ff8dead_beef0001L, 0xfff0000000000001L,
                Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
                Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY), Double.doubleToRawLongBits(Double.MIN_VALUE),
                Double.doubleToRawLongBits(-Double.MAX_VALUE), 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000000000000001L};
        int n = patterns.length * 20;
        long[] ts = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            ts[i] = 1_000_000L * i;
            values[i] = Double.longBitsToDouble(patterns[random.nextInt(patterns.length)]);
        }
        SeriesChunks chunks = new SeriesChunks(1);
        chunks.append(ts, values, 0, n);
        assertRoundTrip(chunks, ts, values, n);
    }

    @Test
    void keepsArrivalOrderOfOutOfOrderRepeatedAndExtremeTimestamps() {
        long[] ts = {
                5_000, 4_000, 4_000, 4_000, 9_000, 1, Long.MAX_VALUE, Long.MIN_VALUE, 0, -86_400_000L, 5_000, 5_000 + (1L << 40),
                5_001, 5_001, 3, 1L << 62};
        double[] values = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            values[i] = i * 1.5;
        }
        SeriesChunks chunks = new SeriesChunks(ts.length);
        chunks.append(ts, values, 0, ts.length);
        assertRoundTrip(chunks, ts, values, ts.length);
    }

    @Test
    void roundTripsRandomSeriesAcrossChunks() {
        SplittableRandom random = new SplittableRandom(42);
        for (int round = 0; round < 50; round++) {
            int n = 1 + random.nextInt(1000);
            long[] ts = new long[n];
            double[] values = new double[n];
            long t = random.nextLong(1L << 42);
            double gauge = random.nextDouble() * 1000;
            for (int i = 0; i < n; i++) {
                t += switch (random.nextInt(5)) {
                    case 0 -> 15_000;
                    case 1 -> 15_000 + random.nextInt(-40, 40);
                    case 2 -> -random.nextInt(1 << 21); // out of order
                    case 3 -> 0; // repeated timestamp
                    default -> random.nextLong(1L << 36);
                };
                ts[i] = t;
                gauge += random.nextGaussian();
                values[i] = switch (random.nextInt(4)) {
                    case 0 -> Math.floor(gauge);
                    case 1 -> Double.longBitsToDouble(random.nextLong());
                    case 2 -> values[Math.max(0, i - 1)];
                    default -> gauge;
                };
            }
            SeriesChunks chunks = new SeriesChunks(random.nextInt(1, 20));
            int at = 0;
            while (at < n) {
                int k = Math.min(n - at, 1 + random.nextInt(30));
                chunks.append(ts, values, at, k);
                at += k;
            }
            assertRoundTrip(chunks, ts, values, n);
        }
    }

    @Test
    void viewTakenBeforeMoreAppendsStillDecodesItsSamples() {
        int n = 3 * SeriesChunks.CHUNK_SAMPLES + 17;
        long[] ts = new long[n];
        double[] values = new double[n];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < n; i++) {
            ts[i] = 1000L * i + random.nextInt(100);
            values[i] = random.nextDouble();
        }
        SeriesChunks chunks = new SeriesChunks(1);
        SeriesChunks.View[] views = new SeriesChunks.View[n + 1];
        views[0] = chunks.view();
        for (int i = 0; i < n; i++) {
            chunks.append(ts, values, i, 1);
            views[i + 1] = chunks.view();
        }
        for (int k = 0; k <= n; k++) {
            long[] outTs = new long[n];
            double[] outValues = new double[n];
            assertThat(views[k].samples()).isEqualTo(k);
            int decoded = views[k].decode(Long.MIN_VALUE, Long.MAX_VALUE, outTs, outValues);
            assertThat(decoded).isEqualTo(k);
            assertThat(Arrays.copyOf(outTs, k)).isEqualTo(Arrays.copyOf(ts, k));
            assertThat(bits(outValues, k)).isEqualTo(bits(values, k));
        }
    }

    @Test
    void skipsChunksOutsideTheRangeOnly() {
        int n = 4 * SeriesChunks.CHUNK_SAMPLES;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 10L * i;
            values[i] = i;
        }
        SeriesChunks chunks = new SeriesChunks(n);
        chunks.append(ts, values, 0, n);
        long[] outTs = new long[n];
        double[] outValues = new double[n];
        // a range inside the second chunk: only that chunk is decoded, whole
        long from = 10L * (SeriesChunks.CHUNK_SAMPLES + 5);
        int decoded = chunks.view().decode(from, from + 20, outTs, outValues);
        assertThat(decoded).isEqualTo(SeriesChunks.CHUNK_SAMPLES);
        assertThat(outTs[0]).isEqualTo(10L * SeriesChunks.CHUNK_SAMPLES);
        assertThat(chunks.view().decode(Long.MIN_VALUE, -1, outTs, outValues)).isZero();
        assertThat(chunks.view().decode(10L * (n - 1), Long.MAX_VALUE, outTs, outValues)).isEqualTo(SeriesChunks.CHUNK_SAMPLES);
    }

    @Test
    void roundTripsFieldsThatStraddleTheDecodersWindow() {
        // delta-of-deltas at each width's edges and raw 64-bit escapes, next to XORs of every
        // significant-bit count (64 included): fields start at every bit offset of a byte
        long[] dods = {0, 1, -1, 8191, -8192, 8192, -8193, 65_535, -65_536, 65_536, 524_287, -524_288, 524_288, -524_289,
                Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40, -(1L << 40)};
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(3 * SeriesChunks.CHUNK_SAMPLES);
            long[] ts = new long[n];
            double[] values = new double[n];
            long t = random.nextLong();
            long delta = 0;
            long bits = random.nextLong();
            for (int i = 0; i < n; i++) {
                delta += dods[random.nextInt(dods.length)];
                t += delta;
                ts[i] = t;
                int width = 1 + random.nextInt(64);
                long mask = width == 64 ? -1L : (1L << width) - 1;
                int shift = random.nextInt(65 - width);
                bits ^= switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 0x8000000000000001L; // 64 significant bits
                    default -> (random.nextLong() & mask | 1L | (width > 1 ? 1L << (width - 1) : 0)) << shift;
                };
                values[i] = Double.longBitsToDouble(bits);
            }
            SeriesChunks chunks = new SeriesChunks(random.nextInt(1, 200));
            chunks.append(ts, values, 0, n);
            assertRoundTrip(chunks, ts, values, n);
        }
    }

    @Test
    void viewIsOrderedOnlyWhileEveryTimeExceedsTheOneBefore() {
        int n = 2 * SeriesChunks.CHUNK_SAMPLES;
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = 1000L * i;
        }
        SeriesChunks increasing = new SeriesChunks(1);
        increasing.append(ts, values, 0, n);
        increasing.append(new long[] {ts[n - 1] + 1}, values, 0, 1);
        assertThat(increasing.view().ordered()).isTrue();

        SeriesChunks repeated = new SeriesChunks(1);
        repeated.append(ts, values, 0, 10);
        assertThat(repeated.view().ordered()).isTrue();
        repeated.append(new long[] {ts[9]}, values, 0, 1);
        assertThat(repeated.view().ordered()).isFalse();

        // each chunk in order on its own, but the second starts at the first's last time
        SeriesChunks acrossChunks = new SeriesChunks(1);
        acrossChunks.append(ts, values, 0, SeriesChunks.CHUNK_SAMPLES);
        acrossChunks.append(new long[] {ts[SeriesChunks.CHUNK_SAMPLES - 1], ts[SeriesChunks.CHUNK_SAMPLES]}, values, 0, 2);
        assertThat(acrossChunks.view().closed()).isEqualTo(1);
        assertThat(acrossChunks.view().ordered()).isFalse();
        // and stays so once that chunk is closed too
        acrossChunks.append(ts, values, SeriesChunks.CHUNK_SAMPLES + 1, SeriesChunks.CHUNK_SAMPLES - 1);
        acrossChunks.append(new long[] {ts[n - 1] + 1}, values, 0, 1);
        assertThat(acrossChunks.view().closed()).isEqualTo(2);
        assertThat(acrossChunks.view().ordered()).isFalse();

        SeriesChunks backwards = new SeriesChunks(1);
        backwards.append(new long[] {5, 4}, values, 0, 2);
        assertThat(backwards.view().ordered()).isFalse();
    }

    private static void assertRoundTrip(SeriesChunks chunks, long[] ts, double[] values, int n) {
        assertThat(chunks.samples()).isEqualTo(n);
        SeriesChunks.View view = chunks.view();
        long[] outTs = new long[n];
        double[] outValues = new double[n];
        assertThat(view.decode(Long.MIN_VALUE, Long.MAX_VALUE, outTs, outValues)).isEqualTo(n);
        assertThat(outTs).isEqualTo(Arrays.copyOf(ts, n));
        assertThat(bits(outValues, n)).isEqualTo(bits(values, n));
    }

    private static long[] bits(double[] values, int n) {
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }

    private static long encodedBytes(SeriesChunks.View view) {
        long bytes = view.open().length;
        for (int i = 0; i < view.closed(); i++) {
            bytes += view.chunks()[i].length;
        }
        return bytes;
    }
}
