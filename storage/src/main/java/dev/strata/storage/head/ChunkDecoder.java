package dev.strata.storage.head;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes a head chunk written by {@link SeriesChunks}. The bit stream, most significant bit
 * first: the first timestamp (ms) and the first value's IEEE-754 bits, 64 bits each; then per
 * sample the delta-of-delta of the timestamp ({@code 0} = same delta; {@code 10} + 14 bits,
 * {@code 110} + 17, {@code 1110} + 20, two's complement; {@code 1111} + 64 bits) and the XOR of the
 * value's bits with the previous one ({@code 0} = same bits; {@code 10} + the significant bits in
 * the previous leading/trailing-zero window; {@code 11} + 5 bits of leading zeros + 6 bits of
 * significant-bit count, 0 meaning 64, + the significant bits). Arithmetic wraps, so any
 * sequence of timestamps and any bit pattern (NaN payloads, staleness markers) round-trips.
 *
 * <p>The loop loads one 64-bit window per sample (at least 57 usable bits) and takes the control
 * bits and the common short fields from it by shifts; only fields that run past the window (raw
 * 64-bit deltas, wide XORs) read memory again.
 */
final class ChunkDecoder {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ChunkDecoder() {}

    /** Decodes {@code samples} samples of {@code chunk} into the arrays from {@code at}; returns the next index. */
    static int decode(byte[] chunk, int samples, long[] ts, double[] values, int at) {
        if (samples == 0) {
            return at;
        }
        long t = (long) LONG_BE.get(chunk, 0);
        long v = (long) LONG_BE.get(chunk, 8);
        int pos = 128;
        ts[at] = t;
        values[at] = Double.longBitsToDouble(v);
        long delta = 0;
        int leading = 0;
        int significant = 0;
        int end = at + samples;
        for (int i = at + 1; i < end; i++) {
            int shift = pos & 7;
            long w = (long) LONG_BE.get(chunk, pos >>> 3) << shift;
            int avail = 64 - shift;
            long dod;
            // the sign bit of the window is the next bit of the stream
            if (w >= 0) {
                dod = 0;
                w <<= 1;
                avail -= 1;
                pos += 1;
            } else if (w << 1 >= 0) {
                dod = w << 2 >> 50;
                w <<= 16;
                avail -= 16;
                pos += 16;
            } else if (w << 2 >= 0) {
                dod = w << 3 >> 47;
                w <<= 20;
                avail -= 20;
                pos += 20;
            } else if (w << 3 >= 0) {
                dod = w << 4 >> 44;
                w <<= 24;
                avail -= 24;
                pos += 24;
            } else {
                dod = read(chunk, pos + 4, 64);
                pos += 68;
                avail = 0;
            }
            delta += dod;
            t += delta;
            ts[i] = t;
            if (avail < 13) {
                shift = pos & 7;
                w = (long) LONG_BE.get(chunk, pos >>> 3) << shift;
                avail = 64 - shift;
            }
            if (w >= 0) {
                pos += 1;
            } else if (w << 1 >= 0) {
                long bits = 2 + significant <= avail ? w << 2 >>> (64 - significant) : read(chunk, pos + 2, significant);
                v ^= bits << (64 - leading - significant);
                pos += 2 + significant;
            } else {
                int header = (int) (w << 2 >>> 53);
                leading = header >>> 6;
                significant = header & 63;
                if (significant == 0) {
                    significant = 64;
                }
                long bits = 13 + significant <= avail ? w << 13 >>> (64 - significant) : read(chunk, pos + 13, significant);
                v ^= bits << (64 - leading - significant);
                pos += 13 + significant;
            }
            values[i] = Double.longBitsToDouble(v);
        }
        return end;
    }

    /** The {@code n} bits (1 ≤ n ≤ 64) at bit position {@code pos}. Chunks carry 8 bytes of padding. */
    private static long read(byte[] chunk, int pos, int n) {
        int shift = pos & 7;
        long word = (long) LONG_BE.get(chunk, pos >>> 3) << shift;
        if (n + shift <= 64) {
            return word >>> (64 - n);
        }
        // the bits past this word: at most 7 more, in the next byte
        long next = (chunk[(pos >>> 3) + 8] & 0xffL) >>> (8 - shift);
        return (word | next) >>> (64 - n);
    }
}
