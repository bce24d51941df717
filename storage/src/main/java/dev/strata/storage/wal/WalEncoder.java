package dev.strata.storage.wal;

import dev.strata.spi.model.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds one record body: big-endian fixed-width numbers, unsigned LEB128 varints for lengths and
 * counts, strings as varint byte length + UTF-8. Reusable after {@link #reset}; not thread-safe.
 */
public final class WalEncoder {
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private byte[] buffer;
    private int position;

    public WalEncoder(int initialCapacity) {
        this.buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Starts a new record of {@code type} for {@code tenant}. */
    public WalEncoder begin(WalRecordType type, String tenant) {
        position = 0;
        writeByte(type.code());
        writeString(tenant);
        return this;
    }

    public void reset() {
        position = 0;
    }

    public int size() {
        return position;
    }

    /** The array being written: its first {@link #size()} bytes are the body so far. */
    byte[] array() {
        return buffer;
    }

    /** The capacity, for callers that keep an encoder for reuse only while it is not huge. */
    public int capacity() {
        return buffer.length;
    }

    /** A copy of the body written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    private void ensure(int extra) {
        if (position + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, position + extra));
        }
    }

    public void writeByte(int value) {
        ensure(1);
        buffer[position++] = (byte) value;
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? 1 : 0);
    }

    public void writeVarint(long value) {
        ensure(10);
        long v = value;
        while ((v & ~0x7FL) != 0) {
            buffer[position++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buffer[position++] = (byte) v;
    }

    public void writeLong(long value) {
        ensure(8);
        // one 8-byte store instead of eight: every sample value goes through here
        LONG_BE.set(buffer, position, value);
        position += 8;
    }

    public void writeDouble(double value) {
        // raw bits, so that NaN payloads (staleness markers) survive
        writeLong(Double.doubleToRawLongBits(value));
    }

    public void writeString(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        writeVarint(bytes.length);
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, position, bytes.length);
        position += bytes.length;
    }

    /** A string that may be null: a presence byte, then the string. */
    public void writeNullableString(String value) {
        writeBoolean(value != null);
        if (value != null) {
            writeString(value);
        }
    }

    public void writeLabels(Labels labels) {
        writeVarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            writeString(labels.name(i));
            writeString(labels.value(i));
        }
    }
}
