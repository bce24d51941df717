package dev.strata.engine.exec.operator;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.ValueKind;
import java.util.Arrays;
import org.apache.arrow.vector.BaseVariableWidthVector;

/**
 * Encodes a row's key columns into one reusable byte buffer, the form in which the hash
 * aggregate and the hash join hash and compare composite keys. A value is written as 8
 * little-endian bytes (longs; doubles as their bits with -0.0 folded into 0.0, so equal values
 * encode alike), 1 byte (booleans) or a 4-byte length and the UTF-8 bytes (strings). Not
 * thread-safe; one per operator.
 */
final class KeyEncoder {
    private byte[] bytes = new byte[64];

    /** The buffer the last appends wrote into; valid up to the length they returned. */
    byte[] bytes() {
        return bytes;
    }

    /** Appends one byte at {@code position}; returns the position after it. */
    int putByte(int position, byte value) {
        ensure(position, 1);
        bytes[position] = value;
        return position + 1;
    }

    /** Appends row {@code row} of the non-null {@code data} at {@code position}; returns the position after it. */
    int putValue(int position, ColumnData data, ValueKind kind, int row) {
        return switch (kind) {
            case LONG -> putLong(position, data.longs()[row]);
            case DOUBLE -> {
                double v = data.doubles()[row];
                yield putLong(position, v == 0.0 ? 0L : Double.doubleToLongBits(v));
            }
            case BOOLEAN -> putByte(position, (byte) (data.booleans()[row] ? 1 : 0));
            case STRING -> {
                BaseVariableWidthVector strings = (BaseVariableWidthVector) data.vector();
                int start = strings.getOffsetBuffer().getInt((long) row * 4);
                int size = strings.getOffsetBuffer().getInt((long) (row + 1) * 4) - start;
                int at = putInt(position, size);
                ensure(at, size);
                strings.getDataBuffer().getBytes(start, bytes, at, size);
                yield at + size;
            }
            case MAP -> throw new IllegalStateException("maps cannot be keys");
        };
    }

    private int putLong(int position, long value) {
        ensure(position, 8);
        for (int b = 0; b < 8; b++) {
            bytes[position + b] = (byte) (value >>> (b * 8));
        }
        return position + 8;
    }

    private int putInt(int position, int value) {
        ensure(position, 4);
        for (int b = 0; b < 4; b++) {
            bytes[position + b] = (byte) (value >>> (b * 8));
        }
        return position + 4;
    }

    private void ensure(int length, int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }

    /** Reads back a long {@link #putValue} wrote at {@code position} of {@code encoded}. */
    static long getLong(byte[] encoded, int position) {
        long value = 0;
        for (int b = 7; b >= 0; b--) {
            value = (value << 8) | (encoded[position + b] & 0xffL);
        }
        return value;
    }

    /** Reads back a string length {@link #putValue} wrote at {@code position} of {@code encoded}. */
    static int getInt(byte[] encoded, int position) {
        int value = 0;
        for (int b = 3; b >= 0; b--) {
            value = (value << 8) | (encoded[position + b] & 0xff);
        }
        return value;
    }

    /** FNV-1a over the bytes with a final avalanche, so that the low bits index a table well. */
    static int hash(byte[] encoded, int length) {
        int h = 0x9747b28c;
        for (int i = 0; i < length; i++) {
            h = (h ^ encoded[i]) * 0x01000193;
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
