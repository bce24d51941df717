package dev.strata.ingest.promremote;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * Hands out one {@link String} instance per distinct short label name or value, so the label sets
 * of many series share their strings: 10,000 series with eight labels hold a few hundred distinct
 * strings, not 160,000 copies (~50 bytes each, kept for as long as the process runs). Only label
 * sets built on a series-cache miss come here. Direct-mapped and lock-free like
 * {@link SeriesCache}: entries are immutable, a lost race only costs a duplicate string.
 */
final class LabelStrings {
    /** Longer strings are rarely shared (ids, paths): not worth a slot. */
    static final int MAX_LENGTH = 64;

    private final Entry[] slots;
    private final int mask;

    LabelStrings(int entries) {
        if (entries <= 0 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries must be a power of two: " + entries);
        }
        this.slots = new Entry[entries];
        this.mask = entries - 1;
    }

    /** The string of {@code length} bytes at {@code offset}, decoded with {@code charset}. */
    String get(byte[] buf, int offset, int length, Charset charset) {
        if (length > MAX_LENGTH) {
            return new String(buf, offset, length, charset);
        }
        int hash = SeriesCache.hash(buf, offset, length);
        int slot = hash & mask;
        Entry e = slots[slot];
        if (e != null && e.hash == hash && Arrays.equals(e.key, 0, e.key.length, buf, offset, offset + length)) {
            return e.value;
        }
        String value = new String(buf, offset, length, charset);
        slots[slot] = new Entry(hash, Arrays.copyOfRange(buf, offset, offset + length), value);
        return value;
    }

    private static final class Entry {
        final int hash;
        final byte[] key;
        final String value;

        Entry(int hash, byte[] key, String value) {
            this.hash = hash;
            this.key = key;
            this.value = value;
        }
    }
}
