package dev.strata.engine.series.exec;

import dev.strata.spi.model.Labels;
import java.nio.charset.StandardCharsets;

/**
 * Prometheus's {@code labels.Labels.Hash()}: XXH64 (seed 0) over every {@code name 0xff value 0xff}
 * of the sorted label set, UTF-8. {@code limit_ratio} picks series by this hash, so using the same
 * function picks the same series Prometheus does.
 */
final class LabelsHash {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final byte SEPARATOR = (byte) 0xff;

    private LabelsHash() {}

    static long of(Labels labels) {
        int length = 0;
        byte[][] parts = new byte[labels.size() * 2][];
        for (int i = 0; i < labels.size(); i++) {
            parts[2 * i] = labels.name(i).getBytes(StandardCharsets.UTF_8);
            parts[2 * i + 1] = labels.value(i).getBytes(StandardCharsets.UTF_8);
            length += parts[2 * i].length + parts[2 * i + 1].length + 2;
        }
        byte[] bytes = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, bytes, at, part.length);
            at += part.length;
            bytes[at++] = SEPARATOR;
        }
        return xxh64(bytes);
    }

    /** Where the hash falls in [0, 1]: Go's {@code float64(hash) / float64(math.MaxUint64)}. */
    static double unitOffset(long hash) {
        // an unsigned long to the nearest double (the low bit kept so rounding stays correct)
        double unsigned = hash >= 0 ? (double) hash : ((double) ((hash >>> 1) | (hash & 1))) * 2.0;
        return unsigned / 0x1p64;
    }

    /** XXH64 with seed 0, as in the xxHash specification. */
    static long xxh64(byte[] input) {
        int length = input.length;
        int i = 0;
        long h;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            for (; i + 32 <= length; i += 32) {
                v1 = round(v1, readLong(input, i));
                v2 = round(v2, readLong(input, i + 8));
                v3 = round(v3, readLong(input, i + 16));
                v4 = round(v4, readLong(input, i + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = P5;
        }
        h += length;
        for (; i + 8 <= length; i += 8) {
            h ^= round(0, readLong(input, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i + 4 <= length) {
            h ^= (readInt(input, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < length; i++) {
            h ^= (input[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long value) {
        return (acc ^ round(0, value)) * P1 + P4;
    }

    private static long readLong(byte[] b, int at) {
        return (readInt(b, at) & 0xFFFFFFFFL) | ((long) readInt(b, at + 4) << 32);
    }

    private static int readInt(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}
