package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Tight decoding loops for 8-byte values (INT64, timestamps and doubles, which are moved as raw
 * bits) straight into off-heap Arrow memory: PLAIN, BYTE_STREAM_SPLIT and dictionary pages, plus
 * RLE/bit-packed dictionary indices as ints (DELTA_BINARY_PACKED and dictionary lookups in
 * slices are {@link DeltaBinaryPackedReader} and {@link DictionaryIndexReader}). Input arrays must have {@link ColumnChunkPages#SLACK}
 * readable bytes after the page (the loops read whole little-endian words). No per-value calls
 * other than JIT intrinsics; no allocation.
 */
public final class Int64Decoding {
    private Int64Decoding() {}

    /** PLAIN: the bytes are already little-endian 8-byte values. */
    public static void plain(byte[] in, int offset, int count, long outAddress) {
        MemoryUtil.copyToMemory(in, offset, outAddress, (long) count * 8);
    }

    /**
     * BYTE_STREAM_SPLIT: byte k of value i is at {@code in[offset + k * count + i]}. Eight values at
     * a time: one word from each of the eight byte planes is an 8x8 byte matrix whose transpose
     * (three rounds of masked swaps) is the eight values.
     */
    public static void byteStreamSplit(byte[] in, int offset, int count, long outAddress) {
        byteStreamSplit(in, offset, count, 0, count, outAddress);
    }

    /**
     * BYTE_STREAM_SPLIT values {@code [from, from + n)} of a page of {@code count} values: the slice
     * of each byte plane, so a page can be decoded in cache-sized slices.
     */
    public static void byteStreamSplit(byte[] in, int offset, int count, int from, int n, long outAddress) {
        int s0 = offset + from;
        int s1 = s0 + count;
        int s2 = s1 + count;
        int s3 = s2 + count;
        int s4 = s3 + count;
        int s5 = s4 + count;
        int s6 = s5 + count;
        int s7 = s6 + count;
        int blocks = n & ~7;
        for (int i = 0; i < blocks; i += 8) {
            long r0 = MemoryUtil.getLong(in, s0 + i);
            long r1 = MemoryUtil.getLong(in, s1 + i);
            long r2 = MemoryUtil.getLong(in, s2 + i);
            long r3 = MemoryUtil.getLong(in, s3 + i);
            long r4 = MemoryUtil.getLong(in, s4 + i);
            long r5 = MemoryUtil.getLong(in, s5 + i);
            long r6 = MemoryUtil.getLong(in, s6 + i);
            long r7 = MemoryUtil.getLong(in, s7 + i);
            long t;
            t = ((r0 >>> 8) ^ r1) & 0x00FF00FF00FF00FFL; r1 ^= t; r0 ^= t << 8;
            t = ((r2 >>> 8) ^ r3) & 0x00FF00FF00FF00FFL; r3 ^= t; r2 ^= t << 8;
            t = ((r4 >>> 8) ^ r5) & 0x00FF00FF00FF00FFL; r5 ^= t; r4 ^= t << 8;
            t = ((r6 >>> 8) ^ r7) & 0x00FF00FF00FF00FFL; r7 ^= t; r6 ^= t << 8;
            t = ((r0 >>> 16) ^ r2) & 0x0000FFFF0000FFFFL; r2 ^= t; r0 ^= t << 16;
            t = ((r1 >>> 16) ^ r3) & 0x0000FFFF0000FFFFL; r3 ^= t; r1 ^= t << 16;
            t = ((r4 >>> 16) ^ r6) & 0x0000FFFF0000FFFFL; r6 ^= t; r4 ^= t << 16;
            t = ((r5 >>> 16) ^ r7) & 0x0000FFFF0000FFFFL; r7 ^= t; r5 ^= t << 16;
            t = ((r0 >>> 32) ^ r4) & 0x00000000FFFFFFFFL; r4 ^= t; r0 ^= t << 32;
            t = ((r1 >>> 32) ^ r5) & 0x00000000FFFFFFFFL; r5 ^= t; r1 ^= t << 32;
            t = ((r2 >>> 32) ^ r6) & 0x00000000FFFFFFFFL; r6 ^= t; r2 ^= t << 32;
            t = ((r3 >>> 32) ^ r7) & 0x00000000FFFFFFFFL; r7 ^= t; r3 ^= t << 32;
            long address = outAddress + (long) i * 8;
            MemoryUtil.putLong(address, r0);
            MemoryUtil.putLong(address + 8, r1);
            MemoryUtil.putLong(address + 16, r2);
            MemoryUtil.putLong(address + 24, r3);
            MemoryUtil.putLong(address + 32, r4);
            MemoryUtil.putLong(address + 40, r5);
            MemoryUtil.putLong(address + 48, r6);
            MemoryUtil.putLong(address + 56, r7);
        }
        for (int i = blocks; i < n; i++) {
            long v = (in[s0 + i] & 0xFFL)
                    | (in[s1 + i] & 0xFFL) << 8
                    | (in[s2 + i] & 0xFFL) << 16
                    | (in[s3 + i] & 0xFFL) << 24
                    | (in[s4 + i] & 0xFFL) << 32
                    | (in[s5 + i] & 0xFFL) << 40
                    | (in[s6 + i] & 0xFFL) << 48
                    | (in[s7 + i] & 0xFFL) << 56;
            MemoryUtil.putLong(outAddress + (long) i * 8, v);
        }
    }

    /** A PLAIN dictionary page of 8-byte values into {@code dictionary} (grown if needed); returns it. */
    public static long[] dictionary(byte[] in, int offset, int count, long[] dictionary) {
        long[] out = dictionary.length >= count ? dictionary : new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = MemoryUtil.getLong(in, offset + i * 8);
        }
        return out;
    }

    /**
     * RLE_DICTIONARY data as plain indices: one byte of bit width, then the RLE/bit-packed hybrid
     * runs, into {@code out[from..from+count)}; every index is checked against {@code dictionarySize}.
     */
    public static void indices(byte[] in, int offset, int end, int count, int dictionarySize, int[] out, int from) {
        int bitWidth = in[offset] & 0xFF;
        int pos = offset + 1;
        int written = 0;
        long mask = bitWidth == 0 ? 0 : (1L << bitWidth) - 1;
        int valueBytes = (bitWidth + 7) >>> 3;
        while (written < count) {
            if (pos >= end) {
                throw corrupt("dictionary indices end after " + written + " of " + count + " values");
            }
            int header = 0;
            int shift = 0;
            byte b;
            do {
                b = in[pos++];
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if ((header & 1) == 0) {
                int run = Math.min(header >>> 1, count - written);
                int index = 0;
                for (int k = 0; k < valueBytes; k++) {
                    index |= (in[pos + k] & 0xFF) << (8 * k);
                }
                pos += valueBytes;
                if (index >= dictionarySize) {
                    throw corrupt("dictionary index " + index + " >= " + dictionarySize);
                }
                java.util.Arrays.fill(out, from + written, from + written + run, index);
                written += run;
            } else {
                int values = (header >>> 1) * 8;
                int take = Math.min(values, count - written);
                long bitBase = (long) pos * 8;
                for (int i = 0; i < take; i++) {
                    long bit = bitBase + (long) i * bitWidth;
                    int index = (int) ((MemoryUtil.getLong(in, (int) (bit >>> 3)) >>> (bit & 7)) & mask);
                    if (index >= dictionarySize) {
                        throw corrupt("dictionary index " + index + " >= " + dictionarySize);
                    }
                    out[from + written + i] = index;
                }
                pos += (values / 8) * bitWidth;
                written += take;
            }
        }
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
