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
 */
final class ChunkDecoder {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private ChunkDecoder() {}

    /** Decodes {@code samples} samples of {@code chunk} into the arrays from {@code at}; returns the next index. */
    static int decode(byte[] chunk, int samples, long[] ts, double[] values, int at) {
        if (samples == 0) {
            return at;
        }
        int pos = 0;
        long t = read(chunk, pos, 64);
        long v = read(chunk, pos + 64, 64);
        pos += 128;
        ts[at] = t;
        values[at] = Double.longBitsToDouble(v);
        long delta = 0;
        int leading = 0;
        int significant = 0;
        int end = at + samples;
        for (int i = at + 1; i < end; i++) {
            // up to 4 control bits of the timestamp at once
            int control = (int) read(chunk, pos, 4);
            long dod;
            if (control < 0b1000) {
                dod = 0;
                pos += 1;
            } else if (control < 0b1100) {
                dod = signExtend(read(chunk, pos + 2, 14), 14);
                pos += 16;
            } else if (control < 0b1110) {
                dod = signExtend(read(chunk, pos + 3, 17), 17);
                pos += 20;
            } else if (control == 0b1110) {
                dod = signExtend(read(chunk, pos + 4, 20), 20);
                pos += 24;
            } else {
                dod = read(chunk, pos + 4, 64);
                pos += 68;
            }
            delta += dod;
            t += delta;
            ts[i] = t;
            int vc = (int) read(chunk, pos, 2);
            if (vc < 0b10) {
                pos += 1;
            } else if (vc == 0b10) {
                v ^= read(chunk, pos + 2, significant) << (64 - leading - significant);
                pos += 2 + significant;
            } else {
                int header = (int) read(chunk, pos + 2, 11);
                leading = header >>> 6;
                significant = header & 63;
                if (significant == 0) {
                    significant = 64;
                }
                v ^= read(chunk, pos + 13, significant) << (64 - leading - significant);
                pos += 13 + significant;
            }
            values[i] = Double.longBitsToDouble(v);
        }
        return end;
    }

    private static long signExtend(long v, int width) {
        return (v << (64 - width)) >> (64 - width);
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
