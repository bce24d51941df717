package dev.strata.ingest.promremote;

import dev.strata.spi.model.Labels;
import java.util.Arrays;

/**
 * Maps the encoded label bytes of a remote-write series to its validated {@link Labels}, so a
 * series seen in an earlier request costs one hash and one byte comparison instead of string
 * decoding, validation and sorting. Prometheus encodes a series' labels identically in every
 * request, which makes the raw bytes a reliable key.
 *
 * <p>Direct-mapped and lock-free: each slot holds an immutable entry whose fields are final, so a
 * racing reader sees either the old or the new entry, complete (JLS 17.5). Losing a race only
 * costs a later miss.
 */
final class SeriesCache {
    private final Entry[] slots;
    private final int mask;

    SeriesCache(int entries) {
        if (entries <= 0 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries must be a power of two: " + entries);
        }
        this.slots = new Entry[entries];
        this.mask = entries - 1;
    }

    Labels get(byte[] buf, int offset, int length, int hash) {
        Entry e = slots[hash & mask];
        if (e != null && e.hash == hash && e.key.length == length
                && Arrays.equals(e.key, 0, length, buf, offset, offset + length)) {
            return e.labels;
        }
        return null;
    }

    void put(byte[] buf, int offset, int length, int hash, Labels labels) {
        slots[hash & mask] = new Entry(hash, Arrays.copyOfRange(buf, offset, offset + length), labels);
    }

    /** Hash of a byte range; 8 bytes per step keeps it cheap for ~100-byte label blocks. */
    static int hash(byte[] buf, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ length;
        int i = offset;
        int end = offset + length;
        while (i + 8 <= end) {
            long v = (buf[i] & 0xffL) | (buf[i + 1] & 0xffL) << 8 | (buf[i + 2] & 0xffL) << 16
                    | (buf[i + 3] & 0xffL) << 24 | (buf[i + 4] & 0xffL) << 32 | (buf[i + 5] & 0xffL) << 40
                    | (buf[i + 6] & 0xffL) << 48 | (buf[i + 7] & 0xffL) << 56;
            h = (h ^ v) * 0xff51afd7ed558ccdL;
            h ^= h >>> 29;
            i += 8;
        }
        while (i < end) {
            h = (h ^ (buf[i] & 0xff)) * 0xc4ceb9fe1a85ec53L;
            i++;
        }
        h ^= h >>> 32;
        h *= 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    private static final class Entry {
        final int hash;
        final byte[] key;
        final Labels labels;

        Entry(int hash, byte[] key, Labels labels) {
            this.hash = hash;
            this.key = key;
            this.labels = labels;
        }
    }
}
