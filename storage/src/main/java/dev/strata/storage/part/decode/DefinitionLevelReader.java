package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;

/**
 * A resumable decoder of the definition levels of an optional top-level column in a v2 data page
 * (RLE/bit-packed hybrid runs of bit width 1, no length prefix): {@link #read} continues where the
 * previous call stopped, so a page can be decoded in slices. Not thread-safe; reused page after page.
 */
final class DefinitionLevelReader {
    private byte[] in;
    private int pos;
    private int end;
    private int runRemaining;
    private boolean rle;
    private byte runValue;
    private long packedBit;

    void start(byte[] in, int offset, int end) {
        this.in = in;
        this.pos = offset;
        this.end = end;
        runRemaining = 0;
    }

    /** Writes the next {@code n} levels (0 = null, 1 = set) to {@code out[at..]}; returns how many are set. */
    int read(int n, byte[] out, int at) {
        int set = 0;
        int i = 0;
        while (i < n) {
            if (runRemaining == 0) {
                nextRun();
                continue;
            }
            int take = Math.min(runRemaining, n - i);
            if (rle) {
                java.util.Arrays.fill(out, at + i, at + i + take, runValue);
                set += runValue * take;
            } else {
                long bit = packedBit;
                for (int k = 0; k < take; k++, bit++) {
                    byte level = (byte) ((in[(int) (bit >>> 3)] >>> (bit & 7)) & 1);
                    out[at + i + k] = level;
                    set += level;
                }
                packedBit = bit;
            }
            runRemaining -= take;
            i += take;
        }
        return set;
    }

    /** Skips the next {@code n} levels; returns how many of them are set. */
    int skip(int n) {
        int set = 0;
        int i = 0;
        while (i < n) {
            if (runRemaining == 0) {
                nextRun();
                continue;
            }
            int take = Math.min(runRemaining, n - i);
            if (rle) {
                set += runValue * take;
            } else {
                long bit = packedBit;
                for (int k = 0; k < take; k++, bit++) {
                    set += (in[(int) (bit >>> 3)] >>> (bit & 7)) & 1;
                }
                packedBit = bit;
            }
            runRemaining -= take;
            i += take;
        }
        return set;
    }

    private void nextRun() {
        int header = 0;
        int shift = 0;
        byte b;
        do {
            if (pos >= end || shift > 28) {
                throw corrupt("definition levels end before the page's values");
            }
            b = in[pos++];
            header |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        if ((header & 1) == 0) {
            if (pos >= end) {
                throw corrupt("definition level run without a value");
            }
            int value = in[pos++];
            if (value != 0 && value != 1) {
                throw corrupt("definition level " + value + " of a top-level optional column");
            }
            rle = true;
            runValue = (byte) value;
            runRemaining = header >>> 1;
        } else {
            int groups = header >>> 1;
            if (pos + (long) groups > end) {
                throw corrupt("bit-packed definition levels run past the page");
            }
            rle = false;
            packedBit = (long) pos * 8;
            pos += groups;
            runRemaining = groups * 8;
        }
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
