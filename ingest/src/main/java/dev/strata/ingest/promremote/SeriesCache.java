package dev.strata.ingest.promremote;

import dev.strata.spi.model.Labels;
import java.util.Arrays;

/**
 * Maps the encoded label bytes of a remote-write series to its validated {@link Labels}, so a
 * series seen in an earlier request costs one hash and one byte comparison instead of string
 * decoding, validation and sorting. Prometheus encodes a series' labels identically in every
 * request, which makes the raw bytes a reliable key.
 *
 * <p>Two-way set-associative and lock-free: a key lives in slot {@code hash & mask} or its
 * neighbour {@code slot ^ 1}, so two series that share a slot do not evict each other on every
 * request (with one way, ~14 % of 10,000 series did at 65,536 slots). Each slot holds an
 * immutable entry whose fields are final, so a racing reader sees either the old or the new
 * entry, complete (JLS 17.5). Losing a race only costs a later miss.
 */
final class SeriesCache {
    private final Entry[] slots;
    private final int mask;

    SeriesCache(int entries) {
        if (entries <= 0 || Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("entries must be a power of two: " + entries);
        }
        int slotCount = Math.max(2, entries); // one pair at least
        this.slots = new Entry[slotCount];
        this.mask = slotCount - 1;
    }

    Labels get(byte[] buf, int offset, int length, int hash) {
        int slot = hash & mask;
        Labels found = match(slots[slot], buf, offset, length, hash);
        return found != null ? found : match(slots[slot ^ 1], buf, offset, length, hash);
    }

    private static Labels match(Entry e, byte[] buf, int offset, int length, int hash) {
        if (e != null && e.hash == hash && e.key.length == length
                && Arrays.equals(e.key, 0, length, buf, offset, offset + length)) {
            return e.labels;
        }
        return null;
    }

    void put(byte[] buf, int offset, int length, int hash, Labels labels) {
        int slot = hash & mask;
        Entry first = slots[slot];
        // the home slot when free or holding this hash, else the neighbour: a third key sharing
        // the pair replaces the neighbour and leaves the home slot's key in place
        if (first != null && first.hash != hash) {
            slot ^= 1;
        }
        slots[slot] = new Entry(hash, Arrays.copyOfRange(buf, offset, offset + length), labels);
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
