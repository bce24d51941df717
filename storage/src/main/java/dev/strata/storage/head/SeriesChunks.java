package dev.strata.storage.head;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The samples of one series in one head generation, compressed as they arrive into chunks of up
 * to {@link #CHUNK_SAMPLES} samples (Gorilla-style: delta-of-delta timestamps, XOR'd value bits;
 * layout in {@link ChunkDecoder}). A sample costs ~1–2 bytes instead of 16, and the head holds a
 * few small arrays per series instead of two doubling ones, so young collections have little to
 * copy. Samples keep arrival order (out-of-order and repeated timestamps included); readers sort.
 *
 * <p>Concurrency: guarded by the owning {@link TenantHead}. Bytes below the written bit length
 * are never changed (the writer only ORs bits into positions beyond it), a full chunk keeps its
 * array and a fresh one is started, so a {@link View} taken under the lock may be decoded later
 * without it.
 */
final class SeriesChunks {
    static final int CHUNK_SAMPLES = 120;
    /** Readers load 8 bytes at a time: every chunk array has this many bytes beyond its last bit. */
    static final int PADDING = 8;
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[][] chunks = new byte[2][];
    private int[] chunkSamples = new int[2];
    private long[] chunkBounds = new long[4];
    private int closed;
    /** Whether the closed chunks hold strictly increasing times, chunk after chunk (the common case: no sort needed). */
    private boolean closedOrdered = true;

    private byte[] open;
    private int bits;
    private int openSamples;
    /** Whether the open chunk's times strictly increase. */
    private boolean openOrdered = true;
    private long openMin;
    private long openMax;
    private long lastTs;
    private long lastDelta;
    private long lastValue;
    private int leading;
    private int trailing;
    private long encodedBytes;

    SeriesChunks(int expectedSamples) {
        open = new byte[Math.max(32, Math.min(expectedSamples, CHUNK_SAMPLES) * 2 + 16 + PADDING)];
    }

    /** Appends {@code n} samples; returns the bytes the series grew by (estimated: written bits). */
    long append(long[] ts, double[] values, int offset, int n) {
        long before = encodedBytes + (bits >>> 3);
        for (int i = offset; i < offset + n; i++) {
            if (openSamples == CHUNK_SAMPLES) {
                closeChunk();
            }
            appendOne(ts[i], Double.doubleToRawLongBits(values[i]));
        }
        return encodedBytes + (bits >>> 3) - before;
    }

    int samples() {
        int n = openSamples;
        for (int i = 0; i < closed; i++) {
            n += chunkSamples[i];
        }
        return n;
    }

    /** What a reader may decode later without the lock. */
    View view() {
        boolean ordered = closedOrdered && openOrdered && (openSamples == 0 || closed == 0 || openMin > chunkBounds[2 * closed - 1]);
        return new View(chunks, chunkSamples, chunkBounds, closed, open, openSamples, openMin, openMax, ordered);
    }

    private void appendOne(long t, long v) {
        if (openSamples == 0) {
            ensureBits(128);
            writeBits(t, 64);
            writeBits(v, 64);
            lastTs = t;
            lastDelta = 0;
            lastValue = v;
            leading = 0xff;
            openMin = t;
            openMax = t;
            openOrdered = true;
            openSamples = 1;
            return;
        }
        ensureBits(2 * (64 + 13));
        long lastTsBefore = lastTs;
        long delta = t - lastTs;
        long dod = delta - lastDelta;
        if (dod == 0) {
            writeBits(0, 1);
        } else if (fits(dod, 14)) {
            writeBits(0b10L << 14 | (dod & 0x3fffL), 16);
        } else if (fits(dod, 17)) {
            writeBits(0b110L << 17 | (dod & 0x1ffffL), 20);
        } else if (fits(dod, 20)) {
            writeBits(0b1110L << 20 | (dod & 0xfffffL), 24);
        } else {
            writeBits(0b1111L, 4);
            writeBits(dod, 64);
        }
        lastTs = t;
        lastDelta = delta;
        long xor = v ^ lastValue;
        if (xor == 0) {
            writeBits(0, 1);
        } else {
            int lead = Math.min(Long.numberOfLeadingZeros(xor), 31);
            int trail = Long.numberOfTrailingZeros(xor);
            if (leading != 0xff && lead >= leading && trail >= trailing) {
                int significant = 64 - leading - trailing;
                writeBits(0b10, 2);
                writeBits(xor >>> trailing, significant);
            } else {
                int significant = 64 - lead - trail;
                // 6 bits hold 1..63; 64 significant bits (lead = trail = 0) is written as 0
                writeBits(0b11L << 11 | (long) lead << 6 | (significant & 63), 13);
                writeBits(xor >>> trail, significant);
                leading = lead;
                trailing = trail;
            }
        }
        lastValue = v;
        if (t <= lastTsBefore) {
            openOrdered = false;
        }
        if (t < openMin) {
            openMin = t;
        }
        if (t > openMax) {
            openMax = t;
        }
        openSamples++;
    }

    private static boolean fits(long v, int width) {
        long half = 1L << (width - 1);
        return v >= -half && v < half;
    }

    /** Writes the low {@code n} bits of {@code value} (1 ≤ n ≤ 64), most significant first. */
    private void writeBits(long value, int n) {
        int shift = bits & 7;
        if (n + shift > 64) {
            // not within one 8-byte window: the high part first
            int high = n - 32;
            writeBits(value >>> 32, high);
            writeBits(value, 32);
            return;
        }
        int index = bits >>> 3;
        // one 8-byte read-modify-write (ensureBits keeps 8 bytes of room): the bits already there
        // are stored back unchanged, so a reader of the array sees them either way
        long word = (long) LONG_BE.get(open, index);
        LONG_BE.set(open, index, word | (value << (64 - n)) >>> shift);
        bits += n;
    }

    private void ensureBits(int more) {
        int needed = ((bits + more + 7) >>> 3) + PADDING;
        if (needed > open.length) {
            // a reader may hold the old array: it keeps every bit it was told about
            open = Arrays.copyOf(open, Math.max(needed, open.length * 2));
        }
    }

    private void closeChunk() {
        int used = ((bits + 7) >>> 3) + PADDING;
        byte[] chunk = used + used / 4 < open.length ? Arrays.copyOf(open, used) : open;
        if (closed == chunks.length) {
            chunks = Arrays.copyOf(chunks, closed * 2);
            chunkSamples = Arrays.copyOf(chunkSamples, closed * 2);
            chunkBounds = Arrays.copyOf(chunkBounds, closed * 4);
        }
        closedOrdered &= openOrdered && (closed == 0 || openMin > chunkBounds[2 * closed - 1]);
        chunks[closed] = chunk;
        chunkSamples[closed] = openSamples;
        chunkBounds[2 * closed] = openMin;
        chunkBounds[2 * closed + 1] = openMax;
        closed++;
        encodedBytes += used;
        // the next chunk of this series is likely as large as this one
        open = new byte[used + 16];
        bits = 0;
        openSamples = 0;
    }

    /**
     * A series' samples as they were when taken: the first {@code closed} entries of
     * {@code chunks} (with their sample counts and [min, max] times in {@code bounds}), then
     * {@code openSamples} samples of {@code open}. Immutable as far as a reader can see.
     * {@code ordered}: every time is greater than the one before, within and across chunks, so
     * the decoded samples need neither sorting nor reducing of repeats.
     */
    record View(byte[][] chunks, int[] chunkSamples, long[] bounds, int closed, byte[] open, int openSamples,
            long openMin, long openMax, boolean ordered) {
        int samples() {
            int n = openSamples;
            for (int i = 0; i < closed; i++) {
                n += chunkSamples[i];
            }
            return n;
        }

        /**
         * Decodes the chunks that may hold samples in {@code [minTs, maxTs]} into {@code ts} and
         * {@code values} from index 0 (arrival order within a chunk, chunks in order); the arrays
         * must hold {@link #samples()}. Returns the number decoded.
         */
        int decode(long minTs, long maxTs, long[] ts, double[] values) {
            int n = 0;
            for (int i = 0; i < closed; i++) {
                if (bounds[2 * i + 1] >= minTs && bounds[2 * i] <= maxTs) {
                    n = ChunkDecoder.decode(chunks[i], chunkSamples[i], ts, values, n);
                }
            }
            if (openSamples > 0 && openMax >= minTs && openMin <= maxTs) {
                n = ChunkDecoder.decode(open, openSamples, ts, values, n);
            }
            return n;
        }
    }
}
