package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A resumable DELTA_BINARY_PACKED decoder for one page of 8-byte values: {@link #read} continues
 * where the previous call stopped, so a page can be decoded in cache-sized slices (decision 0002).
 * The input must have {@link ColumnChunkPages#SLACK} readable bytes after the page. Not
 * thread-safe; reused page after page.
 */
final class DeltaBinaryPackedReader {
    /** Blocks between {@link DeltaCheckpoints}: 8 blocks of 128 values, so a skip sums at most ~1 Ki deltas. */
    static final int CHECKPOINT_STRIDE = 8;

    private byte[] in;
    private DeltaCheckpoints checkpoints;
    private int end;
    private int miniblocks;
    private int perMiniblock;
    private int total;
    private int produced;
    private long value;
    private long minDelta;
    /** First byte of the current miniblock's packed deltas. */
    private int pos;
    private int widths;
    private int miniblock;
    private int bitWidth;
    /** Values already taken from the current miniblock. */
    private int inMiniblock;

    /** Parses the page header at {@code in[offset]}; the page must hold {@code count} values. */
    void start(byte[] in, int offset, int end, int count) {
        this.in = in;
        this.end = end;
        int[] cursor = {offset};
        int blockSize = (int) VarInts.readUnsignedVarLong(in, cursor, end);
        miniblocks = (int) VarInts.readUnsignedVarLong(in, cursor, end);
        total = (int) VarInts.readUnsignedVarLong(in, cursor, end);
        value = VarInts.zigZag(VarInts.readUnsignedVarLong(in, cursor, end));
        if (total != count || miniblocks <= 0 || blockSize <= 0 || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 8 != 0) {
            throw corrupt("bad delta header: block " + blockSize + ", miniblocks " + miniblocks + ", values " + total
                    + " (page has " + count + ")");
        }
        perMiniblock = blockSize / miniblocks;
        checkpoints = null;
        pos = cursor[0];
        produced = 0;
        // as if a zero-width last miniblock of a block had just been used up
        miniblock = miniblocks - 1;
        bitWidth = 0;
        inMiniblock = perMiniblock;
    }

    /** Decodes the next {@code n} values to {@code outAddress}. */
    void read(int n, long outAddress) {
        if (n > total - produced) {
            throw corrupt("delta page holds " + total + " values, asked for " + (produced + n));
        }
        int i = 0;
        if (produced == 0 && n > 0) {
            MemoryUtil.putLong(outAddress, value);
            i = 1;
        }
        long v = value;
        while (i < n) {
            if (inMiniblock == perMiniblock) {
                nextMiniblock();
            }
            int take = Math.min(perMiniblock - inMiniblock, n - i);
            long address = outAddress + (long) i * 8;
            int width = bitWidth;
            long md = minDelta;
            if (width == 0) {
                for (int k = 0; k < take; k++) {
                    v += md;
                    MemoryUtil.putLong(address + (long) k * 8, v);
                }
            } else if (width <= 56) {
                long mask = (1L << width) - 1;
                long bitBase = (long) pos * 8 + (long) inMiniblock * width;
                for (int k = 0; k < take; k++) {
                    long bit = bitBase + (long) k * width;
                    v += md + ((MemoryUtil.getLong(in, (int) (bit >>> 3)) >>> (bit & 7)) & mask);
                    MemoryUtil.putLong(address + (long) k * 8, v);
                }
            } else {
                long bitBase = (long) pos * 8 + (long) inMiniblock * width;
                for (int k = 0; k < take; k++) {
                    v += md + readWide(in, bitBase + (long) k * width, width);
                    MemoryUtil.putLong(address + (long) k * 8, v);
                }
            }
            inMiniblock += take;
            i += take;
        }
        value = v;
        produced += n;
    }

    /**
     * Lets {@link #skip} resume at the page's checkpoints; they must have been built from this
     * page ({@link #checkpoints}) and be of its block size.
     */
    void useCheckpoints(DeltaCheckpoints pageCheckpoints) {
        if (pageCheckpoints.blockValues() != perMiniblock * miniblocks) {
            throw corrupt("checkpoints of block size " + pageCheckpoints.blockValues() + " for a page of " + perMiniblock * miniblocks);
        }
        this.checkpoints = pageCheckpoints;
    }

    boolean hasCheckpoints() {
        return checkpoints != null;
    }

    /** Passes over the next {@code n} values: their deltas are summed, nothing is stored. */
    void skip(int n) {
        if (n > total - produced) {
            throw corrupt("delta page holds " + total + " values, asked to skip to " + (produced + n));
        }
        if (checkpoints != null) {
            int target = produced + n;
            int k = checkpoints.atOrBefore(target);
            if (k >= 0 && checkpoints.producedAt(k) > produced) {
                jumpTo(k);
                n = target - produced;
            }
        }
        int i = 0;
        if (produced == 0 && n > 0) {
            i = 1;
        }
        long v = value;
        while (i < n) {
            if (inMiniblock == perMiniblock) {
                nextMiniblock();
            }
            int take = Math.min(perMiniblock - inMiniblock, n - i);
            int width = bitWidth;
            // every delta adds minDelta; the packed parts are summed on their own
            v += minDelta * take;
            if (width != 0) {
                long bitBase = (long) pos * 8 + (long) inMiniblock * width;
                long sum = 0;
                if (width <= 56) {
                    long mask = (1L << width) - 1;
                    for (int k = 0; k < take; k++) {
                        long bit = bitBase + (long) k * width;
                        sum += (MemoryUtil.getLong(in, (int) (bit >>> 3)) >>> (bit & 7)) & mask;
                    }
                } else {
                    for (int k = 0; k < take; k++) {
                        sum += readWide(in, bitBase + (long) k * width, width);
                    }
                }
                v += sum;
            }
            inMiniblock += take;
            i += take;
        }
        value = v;
        produced += n;
    }

    /** Resumes before checkpoint {@code k}'s block, as if every value before it had been skipped. */
    private void jumpTo(int k) {
        int at = checkpoints.position(k);
        if (at < 0 || at >= end) {
            throw corrupt("delta checkpoint past the page");
        }
        pos = at;
        value = checkpoints.value(k);
        produced = checkpoints.producedAt(k);
        // the state after a block's last miniblock: the next value reads the block header at pos
        miniblock = miniblocks - 1;
        bitWidth = 0;
        inMiniblock = perMiniblock;
    }

    /**
     * Walks the page at {@code in[offset, end)} ({@code count} values) once and records a
     * checkpoint before every {@link #CHECKPOINT_STRIDE}-th block; null when the page is too short
     * to have one.
     */
    static DeltaCheckpoints checkpoints(byte[] in, int offset, int end, int count) {
        DeltaBinaryPackedReader walker = new DeltaBinaryPackedReader();
        walker.start(in, offset, end, count);
        int blockValues = walker.perMiniblock * walker.miniblocks;
        long span = (long) CHECKPOINT_STRIDE * blockValues;
        // a checkpoint at or after the last value would never be jumped to
        int n = count < 2 ? 0 : (int) ((count - 2) / span);
        if (n == 0) {
            return null;
        }
        int[] positions = new int[n];
        long[] values = new long[n];
        for (int k = 0; k < n; k++) {
            int before = (int) (1 + (k + 1) * span);
            walker.skip(before - walker.produced);
            // a whole block is used up: its last miniblock's data ends where the next block's header starts
            positions[k] = walker.pos + walker.perMiniblock / 8 * walker.bitWidth;
            values[k] = walker.value;
        }
        return new DeltaCheckpoints(blockValues, CHECKPOINT_STRIDE, positions, values);
    }

    private void nextMiniblock() {
        pos += perMiniblock / 8 * bitWidth;
        miniblock++;
        if (miniblock == miniblocks) {
            int[] cursor = {pos};
            minDelta = VarInts.zigZag(VarInts.readUnsignedVarLong(in, cursor, end));
            widths = cursor[0];
            pos = widths + miniblocks;
            miniblock = 0;
            if (pos > end) {
                throw corrupt("delta block header runs past the page");
            }
        }
        bitWidth = in[widths + miniblock] & 0xFF;
        if (bitWidth > 64 || (long) pos + (long) perMiniblock / 8 * bitWidth > end) {
            throw corrupt("delta miniblock of bit width " + bitWidth + " runs past the page");
        }
        inMiniblock = 0;
    }

    /** Bit widths above 56 can straddle nine bytes; rare (random 64-bit deltas), so kept simple. */
    private static long readWide(byte[] in, long bit, int bitWidth) {
        int first = (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        long low = MemoryUtil.getLong(in, first) >>> shift;
        if (shift != 0) {
            low |= (long) (in[first + 8] & 0xFF) << (64 - shift);
        }
        return bitWidth == 64 ? low : low & ((1L << bitWidth) - 1);
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
