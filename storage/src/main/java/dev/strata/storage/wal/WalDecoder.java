package dev.strata.storage.wal;

import dev.strata.spi.model.Labels;
import java.nio.charset.StandardCharsets;

/** Reads a record body written by {@link WalEncoder}. Not thread-safe. */
public final class WalDecoder {
    private final byte[] buffer;
    private final int limit;
    private int position;

    public WalDecoder(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    private void need(int n) {
        if (position + n > limit) {
            throw new IllegalStateException("record body ends early at " + position);
        }
    }

    public int readByte() {
        need(1);
        return buffer[position++];
    }

    public boolean readBoolean() {
        return readByte() != 0;
    }

    public long readVarint() {
        long result = 0;
        int shift = 0;
        while (true) {
            int b = readByte();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
            if (shift > 63) {
                throw new IllegalStateException("varint too long");
            }
        }
    }

    public int readCount() {
        long n = readVarint();
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("bad count " + n);
        }
        return (int) n;
    }

    public long readLong() {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buffer[position++] & 0xFFL);
        }
        return v;
    }

    public double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    public String readString() {
        int n = readCount();
        need(n);
        String s = new String(buffer, position, n, StandardCharsets.UTF_8);
        position += n;
        return s;
    }

    public String readNullableString() {
        return readBoolean() ? readString() : null;
    }

    public Labels readLabels() {
        int n = readCount();
        Labels.Builder builder = Labels.builder();
        for (int i = 0; i < n; i++) {
            builder.add(readString(), readString());
        }
        return builder.build();
    }
}
