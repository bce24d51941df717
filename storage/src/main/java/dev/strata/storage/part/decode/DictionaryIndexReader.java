package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * A resumable decoder of RLE_DICTIONARY data pages of 8-byte values (one byte of bit width, then
 * the RLE/bit-packed hybrid runs of indices): {@link #read} continues where the previous call
 * stopped, mid-run if need be, so a page can be decoded in cache-sized slices. RLE runs become
 * fills. The input must have {@link ColumnChunkPages#SLACK} readable bytes after the page. Not
 * thread-safe; reused page after page.
 */
final class DictionaryIndexReader {
    private byte[] in;
    private int pos;
    private int end;
    private int bitWidth;
    private long mask;
    private int valueBytes;
    private int runRemaining;
    private boolean rle;
    private long runValue;
    private long packedBit;

    void start(byte[] in, int offset, int end) {
        if (offset >= end) {
            throw corrupt("dictionary indices without a bit width");
        }
        this.in = in;
        this.end = end;
        bitWidth = in[offset] & 0xFF;
        if (bitWidth > 32) {
            throw corrupt("dictionary index bit width " + bitWidth);
        }
        mask = bitWidth == 0 ? 0 : (1L << bitWidth) - 1;
        valueBytes = (bitWidth + 7) >>> 3;
        pos = offset + 1;
        runRemaining = 0;
    }

    /** Decodes the next {@code n} values, looked up in {@code dictionary}, to {@code outAddress}. */
    void read(int n, long[] dictionary, int dictionarySize, long outAddress) {
        int i = 0;
        while (i < n) {
            if (runRemaining == 0) {
                nextRun(dictionarySize, dictionary);
                continue;
            }
            int take = Math.min(runRemaining, n - i);
            long address = outAddress + (long) i * 8;
            if (rle) {
                long v = runValue;
                for (int k = 0; k < take; k++) {
                    MemoryUtil.putLong(address + (long) k * 8, v);
                }
            } else {
                long bitBase = packedBit;
                int width = bitWidth;
                long m = mask;
                for (int k = 0; k < take; k++) {
                    long bit = bitBase + (long) k * width;
                    int index = (int) ((MemoryUtil.getLong(in, (int) (bit >>> 3)) >>> (bit & 7)) & m);
                    if (index >= dictionarySize) {
                        throw corrupt("dictionary index " + index + " >= " + dictionarySize);
                    }
                    MemoryUtil.putLong(address + (long) k * 8, dictionary[index]);
                }
                packedBit = bitBase + (long) take * width;
            }
            runRemaining -= take;
            i += take;
        }
    }

    /** Passes over the next {@code n} indices: whole runs at a time, no lookups. */
    void skip(int n, long[] dictionary, int dictionarySize) {
        int i = 0;
        while (i < n) {
            if (runRemaining == 0) {
                nextRun(dictionarySize, dictionary);
                continue;
            }
            int take = Math.min(runRemaining, n - i);
            if (!rle) {
                packedBit += (long) take * bitWidth;
            }
            runRemaining -= take;
            i += take;
        }
    }

    private void nextRun(int dictionarySize, long[] dictionary) {
        if (pos >= end) {
            throw corrupt("dictionary indices end before the page's values");
        }
        int header = 0;
        int shift = 0;
        byte b;
        do {
            if (pos >= end || shift > 28) {
                throw corrupt("bad run header in dictionary indices");
            }
            b = in[pos++];
            header |= (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0);
        if ((header & 1) == 0) {
            int index = 0;
            for (int k = 0; k < valueBytes; k++) {
                index |= (in[pos + k] & 0xFF) << (8 * k);
            }
            pos += valueBytes;
            if (pos > end) {
                throw corrupt("dictionary run runs past the page");
            }
            if (index < 0 || index >= dictionarySize) {
                throw corrupt("dictionary index " + index + " >= " + dictionarySize);
            }
            rle = true;
            runValue = dictionary[index];
            runRemaining = header >>> 1;
        } else {
            int groups = header >>> 1;
            rle = false;
            packedBit = (long) pos * 8;
            long next = pos + (long) groups * bitWidth;
            if (next > end) {
                throw corrupt("bit-packed dictionary indices run past the page");
            }
            pos = (int) next;
            runRemaining = groups * 8;
        }
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
