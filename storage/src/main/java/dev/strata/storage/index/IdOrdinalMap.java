package dev.strata.storage.index;

import java.util.Arrays;

/**
 * Open-addressing map from 64-bit ids (label set hashes) to dense int ordinals, without boxing.
 * Not thread-safe; the owning registry guards it.
 */
public final class IdOrdinalMap {
    private static final int EMPTY = -1;

    private long[] keys;
    private int[] values;
    private int size;
    private int mask;

    public IdOrdinalMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(values, EMPTY);
        mask = capacity - 1;
    }

    public int size() {
        return size;
    }

    /** The ordinal of {@code id}, or -1. */
    public int get(long id) {
        int slot = slot(id);
        while (values[slot] != EMPTY) {
            if (keys[slot] == id) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /** Maps {@code id} to {@code ordinal} (ordinal must be non-negative; replaces an existing mapping). */
    public void put(long id, int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("negative ordinal");
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int slot = slot(id);
        while (values[slot] != EMPTY) {
            if (keys[slot] == id) {
                values[slot] = ordinal;
                return;
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        values[slot] = ordinal;
        size++;
    }

    private int slot(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & mask;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, EMPTY);
        mask = keys.length - 1;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != EMPTY) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }
}
