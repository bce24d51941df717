package dev.strata.engine.series.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Values by series id in an open-addressing table of primitive longs, so the per-run lookup of a
 * samples scan neither boxes the id nor chases a hash-map node. Insertion order is kept for
 * iteration. Not thread-safe; ids are the stable hashes of label sets, so they are well spread.
 */
final class SeriesIdIndex<V> {
    private long[] keys = new long[64];
    private int[] slots = new int[64]; // 1 + index into values, 0 = free
    private final List<V> values = new ArrayList<>();

    int size() {
        return values.size();
    }

    boolean isEmpty() {
        return values.isEmpty();
    }

    V valueAt(int index) {
        return values.get(index);
    }

    /** The value of {@code id}, or null. */
    V get(long id) {
        int mask = keys.length - 1;
        for (int at = spread(id) & mask; ; at = (at + 1) & mask) {
            int slot = slots[at];
            if (slot == 0) {
                return null;
            }
            if (keys[at] == id) {
                return values.get(slot - 1);
            }
        }
    }

    /** Adds {@code id}, which must not be present yet. */
    void put(long id, V value) {
        if ((values.size() + 1) * 2 > keys.length) {
            grow();
        }
        values.add(value);
        insert(id, values.size());
    }

    private void insert(long id, int slot) {
        int mask = keys.length - 1;
        int at = spread(id) & mask;
        while (slots[at] != 0) {
            at = (at + 1) & mask;
        }
        keys[at] = id;
        slots[at] = slot;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldSlots.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldSlots[i] != 0) {
                insert(oldKeys[i], oldSlots[i]);
            }
        }
    }

    private static int spread(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
