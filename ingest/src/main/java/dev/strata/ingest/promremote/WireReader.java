package dev.strata.ingest.promremote;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.spi.error.StrataException;

/**
 * A cursor over protobuf wire-format bytes in one array, with protobuf-java's
 * {@code CodedInputStream} rules for what is malformed (zero field numbers, varints over 10
 * bytes, negative or overrunning lengths, wire types 6 and 7, unmatched groups). Message bounds are
 * the caller's: {@link #limit()} before, {@link #setLimit} to enter, restore after. It replaces
 * {@code CodedInputStream} on the remote-write path because its methods are small enough for
 * the JIT to compile the decoder quickly and keep the cursor in registers. Not thread-safe.
 */
final class WireReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int START_GROUP = 3;
    static final int END_GROUP = 4;
    static final int FIXED32 = 5;

    private final byte[] buf;
    private int pos;
    private int limit;

    WireReader(byte[] buf, int offset, int length) {
        this.buf = buf;
        this.pos = offset;
        this.limit = offset + length;
    }

    int position() {
        return pos;
    }

    int limit() {
        return limit;
    }

    void setLimit(int limit) {
        this.limit = limit;
    }

    /** The end of a {@code size}-byte field starting here, checked to lie within the current limit. */
    int end(int size) {
        if (size < 0) {
            throw malformed("negative length " + size);
        }
        if (size > limit - pos) {
            throw malformed("truncated message: a length of " + size + " runs past its end");
        }
        return pos + size;
    }

    /** The next tag, or 0 at the limit. */
    int readTag() {
        if (pos >= limit) {
            return 0;
        }
        int tag = readVarint32();
        if (tag >>> 3 == 0) {
            throw malformed("invalid tag (zero field number)");
        }
        return tag;
    }

    /** A varint's low 32 bits (longer varints are read whole, as protobuf does). */
    int readVarint32() {
        int p = pos;
        if (p < limit) {
            byte b = buf[p];
            if (b >= 0) {
                pos = p + 1;
                return b;
            }
        }
        return (int) readVarint64();
    }

    long readVarint64() {
        long result = 0;
        int p = pos;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p >= limit) {
                throw malformed("truncated message: varint runs past its end");
            }
            byte b = buf[p++];
            result |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                pos = p;
                return result;
            }
        }
        throw malformed("malformed varint");
    }

    long readFixed64() {
        int p = pos;
        if (limit - p < 8) {
            throw malformed("truncated message: fixed64 runs past its end");
        }
        pos = p + 8;
        return (buf[p] & 0xffL) | (buf[p + 1] & 0xffL) << 8 | (buf[p + 2] & 0xffL) << 16 | (buf[p + 3] & 0xffL) << 24
                | (buf[p + 4] & 0xffL) << 32 | (buf[p + 5] & 0xffL) << 40 | (buf[p + 6] & 0xffL) << 48
                | (buf[p + 7] & 0xffL) << 56;
    }

    void skipBytes(int n) {
        pos = end(n);
    }

    void seek(int position) {
        pos = position;
    }

    /**
     * Skips the field of {@code tag}. A field number in {@code [firstKnown, lastKnown]} is known
     * with another wire type, which is malformed (as gogo-protobuf's generated decoders say), not
     * something to skip silently.
     */
    void skipField(int tag, int firstKnown, int lastKnown) {
        int field = tag >>> 3;
        if (field >= firstKnown && field <= lastKnown) {
            throw malformed("field " + field + " has wrong wire type " + (tag & 7));
        }
        skipUnknown(tag);
    }

    private void skipUnknown(int tag) {
        switch (tag & 7) {
            case VARINT -> readVarint64();
            case FIXED64 -> skipBytes(8);
            case LENGTH_DELIMITED -> skipBytes(readVarint32());
            case START_GROUP -> {
                int endTag = (tag & ~7) | END_GROUP;
                while (true) {
                    int t = readTag();
                    if (t == 0) {
                        throw malformed("truncated message: group without its end");
                    }
                    if (t == endTag) {
                        return;
                    }
                    if ((t & 7) == END_GROUP) {
                        throw malformed("end-group tag did not match the expected tag");
                    }
                    skipUnknown(t);
                }
            }
            case END_GROUP -> throw malformed("unexpected end-group tag");
            case FIXED32 -> skipBytes(4);
            default -> throw malformed("invalid wire type " + (tag & 7));
        }
    }

    static StrataException malformed(String reason) {
        return new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "malformed WriteRequest: " + reason);
    }
}
