package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Whole-page decoding of the small integers around variable-width values: repetition and
 * definition levels (RLE/bit-packed hybrid of a v2 page, no length prefix) into bytes, and the
 * DELTA_BINARY_PACKED lengths of DELTA_BYTE_ARRAY and DELTA_LENGTH_BYTE_ARRAY pages into ints. Inputs
 * must have {@link ColumnChunkPages#SLACK} readable bytes after their end.
 */
final class LevelAndLengthDecoding {
    private LevelAndLengthDecoding() {}

    /** Bits per level of a column whose highest level is {@code maxLevel}. */
    static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    /**
     * {@code count} levels of {@code bitWidth} (1..8) bits from {@code in[offset..end)} into
     * {@code out[from..from+count)}; each checked to be at most {@code maxLevel}.
     */
    static void levels(byte[] in, int offset, int end, int bitWidth, int maxLevel, int count, byte[] out, int from) {
        if (bitWidth < 1 || bitWidth > 8) {
            throw corrupt("level bit width " + bitWidth);
        }
        int pos = offset;
        int written = 0;
        int mask = (1 << bitWidth) - 1;
        while (written < count) {
            int header = 0;
            int shift = 0;
            byte b;
            do {
                if (pos >= end || shift > 28) {
                    throw corrupt("levels end after " + written + " of " + count);
                }
                b = in[pos++];
                header |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if ((header & 1) == 0) {
                if (pos >= end) {
                    throw corrupt("level run without a value");
                }
                int value = in[pos++] & 0xFF;
                if (value > maxLevel) {
                    throw corrupt("level " + value + " above the column's maximum " + maxLevel);
                }
                int run = Math.min(header >>> 1, count - written);
                java.util.Arrays.fill(out, from + written, from + written + run, (byte) value);
                written += run;
            } else {
                int groups = header >>> 1;
                if (pos + (long) groups * bitWidth > end) {
                    throw corrupt("bit-packed levels run past the page");
                }
                int take = Math.min(groups * 8, count - written);
                long bit = (long) pos * 8;
                int at = from + written;
                for (int i = 0; i < take; i++, bit += bitWidth) {
                    int index = (int) (bit >>> 3);
                    int two = (in[index] & 0xFF) | (in[index + 1] & 0xFF) << 8;
                    int value = (two >>> (bit & 7)) & mask;
                    if (value > maxLevel) {
                        throw corrupt("level " + value + " above the column's maximum " + maxLevel);
                    }
                    out[at + i] = (byte) value;
                }
                pos += groups * bitWidth;
                written += take;
            }
        }
    }

    /**
     * A DELTA_BINARY_PACKED run of {@code count} int32 values (lengths) at {@code in[offset..end)}
     * into {@code out[0..count)}; returns the offset just past it, where the next part of the page
     * begins. Arithmetic wraps as in the writer.
     */
    static int deltaInts(byte[] in, int offset, int end, int count, int[] out) {
        int[] cursor = {offset};
        long blockSize = VarInts.readUnsignedVarLong(in, cursor, end);
        long miniblocks = VarInts.readUnsignedVarLong(in, cursor, end);
        long total = VarInts.readUnsignedVarLong(in, cursor, end);
        int value = (int) VarInts.zigZag(VarInts.readUnsignedVarLong(in, cursor, end));
        if (total != count || miniblocks <= 0 || blockSize <= 0 || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 8 != 0 || blockSize > 1 << 20) {
            throw corrupt("bad delta header: block " + blockSize + ", miniblocks " + miniblocks + ", values " + total
                    + " (page has " + count + ")");
        }
        int perMiniblock = (int) (blockSize / miniblocks);
        int pos = cursor[0];
        if (count == 0) {
            return pos;
        }
        out[0] = value;
        int produced = 1;
        while (produced < count) {
            cursor[0] = pos;
            int minDelta = (int) VarInts.zigZag(VarInts.readUnsignedVarLong(in, cursor, end));
            int widths = cursor[0];
            pos = widths + (int) miniblocks;
            if (pos > end) {
                throw corrupt("delta block header runs past the page");
            }
            for (int m = 0; m < miniblocks && produced < count; m++) {
                int width = in[widths + m] & 0xFF;
                if (width > 32 || (long) pos + (long) perMiniblock / 8 * width > end) {
                    throw corrupt("delta miniblock of bit width " + width + " runs past the page");
                }
                int take = Math.min(perMiniblock, count - produced);
                long mask = (1L << width) - 1;
                long bitBase = (long) pos * 8;
                for (int k = 0; k < take; k++) {
                    long bit = bitBase + (long) k * width;
                    value += minDelta + (int) ((MemoryUtil.getLong(in, (int) (bit >>> 3)) >>> (bit & 7)) & mask);
                    out[produced + k] = value;
                }
                produced += take;
                pos += perMiniblock / 8 * width;
            }
        }
        return pos;
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
