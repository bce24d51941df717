package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;

/** The ULEB128 and zigzag integers of Parquet's DELTA_BINARY_PACKED headers. */
final class VarInts {
    private VarInts() {}

    /** Reads one ULEB128 value at {@code cursor[0]} (advanced past it), failing past {@code end}. */
    static long readUnsignedVarLong(byte[] in, int[] cursor, int end) {
        long result = 0;
        int shift = 0;
        int pos = cursor[0];
        byte b;
        do {
            if (pos >= end) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "delta varint runs past the page");
            }
            b = in[pos++];
            result |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while (b < 0 && shift < 70);
        cursor[0] = pos;
        return result;
    }

    static long zigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
