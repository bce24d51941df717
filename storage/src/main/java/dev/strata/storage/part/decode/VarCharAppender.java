package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VarCharVector;

/**
 * Appends values to a {@link VarCharVector} through its raw buffer addresses: the caller reserves
 * the bytes of a page once ({@link #reserve}), then each value is one copy and one offset store.
 * Keeps where the previous value lies, for DELTA_BYTE_ARRAY's shared prefixes. Short values are
 * copied 8 bytes at a time ({@code Unsafe.copyMemory}'s checks cost more than a log line's copy),
 * so sources must have {@link ColumnChunkPages#SLACK} readable bytes after each value and the data
 * buffer keeps {@link #OVERRUN} spare bytes. Not thread-safe.
 */
final class VarCharAppender {
    /** Bytes a word-at-a-time copy may write past the end of a value. */
    static final int OVERRUN = 8;
    /** Values longer than this are copied with one bulk copy. */
    private static final int WORD_COPY_LIMIT = 64;

    private VarCharVector vector;
    private long offsets;
    private long validity;
    private long data;
    private long capacity;
    private long valueCapacity;
    private long position;
    private int count;
    private long lastStart;
    private int lastLength;
    /**
     * The last value of the previous slice (DELTA_BYTE_ARRAY prefixes reach back across slices),
     * used until this slice appends a value; {@link ColumnChunkPages#SLACK} spare bytes for word copies.
     */
    private byte[] carry = new byte[ColumnChunkPages.SLACK];
    private int carryLength;
    private boolean lastInCarry;

    /**
     * Empties {@code vector} for about {@code values} values, keeping its buffers when they are
     * large enough: slice after slice, the same warm memory is written again.
     */
    void start(VarCharVector vector, int values) {
        this.vector = vector;
        if (vector.getValueCapacity() < values || vector.getDataBuffer().capacity() == 0) {
            vector.clear();
            vector.allocateNew(Math.max((long) values * 16, 1024), Math.max(values, 1));
        }
        refresh();
        valueCapacity = vector.getValueCapacity();
        vector.getValidityBuffer().setZero(0, Math.min(vector.getValidityBuffer().capacity(), (valueCapacity + 7) / 8));
        position = 0;
        count = 0;
        lastStart = 0;
        lastLength = carryLength;
        lastInCarry = true;
        MemoryUtil.putInt(offsets, 0);
    }

    /**
     * Continues appending to {@code vector} after the values it holds (those this appender wrote
     * last, or none): a slice that spans two row groups.
     */
    void resume(VarCharVector vector) {
        if (this.vector != vector) {
            start(vector, 16);
            return;
        }
        refresh();
    }

    /** Makes room for {@code n} more values (offsets and validity). */
    void ensureValues(int n) {
        while (count + (long) n > valueCapacity) {
            long oldValidity = vector.getValidityBuffer().capacity();
            vector.reallocValidityAndOffsetBuffers();
            refresh();
            long newValidity = vector.getValidityBuffer().capacity();
            vector.getValidityBuffer().setZero(oldValidity, newValidity - oldValidity);
            valueCapacity = vector.getValueCapacity();
        }
    }

    private void refresh() {
        offsets = vector.getOffsetBuffer().memoryAddress();
        validity = vector.getValidityBuffer().memoryAddress();
        data = vector.getDataBuffer().memoryAddress();
        capacity = vector.getDataBuffer().capacity();
    }

    /** Makes room for {@code bytes} more bytes of values. */
    void reserve(long bytes) {
        long needed = position + bytes + OVERRUN;
        if (needed > Integer.MAX_VALUE) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "text column of more than 2 GiB in one row group");
        }
        if (needed > capacity) {
            vector.reallocDataBuffer(Math.max(needed, capacity * 2));
            refresh();
        }
    }

    /** Appends {@code src[offset..offset+length)}; the bytes must have been reserved. */
    void append(byte[] src, int offset, int length) {
        copy(src, offset, data + position, length);
        lastInCarry = false;
        lastStart = position;
        lastLength = length;
        position += length;
        setValid();
    }

    /** Appends the first {@code prefix} bytes of the previous value followed by the given suffix. */
    void appendPrefixed(int prefix, byte[] src, int offset, int length) {
        if (prefix < 0 || prefix > lastLength) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "prefix of " + prefix + " bytes after a value of " + lastLength);
        }
        long start = position;
        long from = data + lastStart;
        long to = data + start;
        if (lastInCarry) {
            copy(carry, 0, to, prefix);
            lastInCarry = false;
        } else if (prefix > WORD_COPY_LIMIT) {
            MemoryUtil.copyMemory(from, to, prefix);
        } else {
            // each prefix byte is read below 'to' (never written here), whatever the words overrun
            for (int i = 0; i < prefix; i += 8) {
                MemoryUtil.putLong(to + i, MemoryUtil.getLong(from + i));
            }
        }
        copy(src, offset, to + prefix, length);
        lastStart = start;
        lastLength = prefix + length;
        position = start + lastLength;
        setValid();
    }

    private static void copy(byte[] src, int offset, long to, int length) {
        if (length > WORD_COPY_LIMIT) {
            MemoryUtil.copyToMemory(src, offset, to, length);
            return;
        }
        for (int i = 0; i < length; i += 8) {
            MemoryUtil.putLong(to + i, MemoryUtil.getLong(src, offset + i));
        }
    }

    private void setValid() {
        long at = validity + (count >>> 3);
        MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (count & 7))));
        count++;
        MemoryUtil.putInt(offsets + (long) count * 4, (int) position);
    }

    void appendNull() {
        count++;
        MemoryUtil.putInt(offsets + (long) count * 4, (int) position);
    }

    int count() {
        return count;
    }

    /** Seals the vector at the values appended, keeping the last one for the next slice. */
    void finish() {
        if (!lastInCarry) {
            if (carry.length < lastLength + ColumnChunkPages.SLACK) {
                carry = new byte[lastLength + ColumnChunkPages.SLACK];
            }
            MemoryUtil.copyFromMemory(data + lastStart, carry, 0, lastLength);
            carryLength = lastLength;
            lastInCarry = true;
        }
        vector.setLastSet(count - 1);
        vector.setValueCount(count);
    }
}
