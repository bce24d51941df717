package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.parquet.format.Encoding;

/**
 * The BYTE_ARRAY values of one data page, in any encoding the store's writer produces for text:
 * dictionary indices (RLE_DICTIONARY, PLAIN_DICTIONARY) against the chunk's dictionary page, and,
 * after a dictionary overflowed or where none is kept, PLAIN, DELTA_LENGTH_BYTE_ARRAY and
 * DELTA_BYTE_ARRAY. {@link #startPage} decodes the page's indices or lengths into reused int arrays
 * and returns the bytes its values take, so the output is grown once per page; {@link #appendNext}
 * then copies one value at a time into a {@link VarCharAppender}. Not thread-safe; one per column.
 */
final class ByteArrayPageValues {
    private static final int DICTIONARY = 0;
    private static final int PLAIN = 1;
    private static final int DELTA_LENGTH = 2;
    private static final int DELTA = 3;

    private byte[] dictionaryBytes = new byte[0];
    private int[] entryStart = new int[0];
    private int[] entryLength = new int[0];
    private int dictionarySize = -1;
    private long dictionaryLength;
    /** Counts dictionary pages read, so a caller can tell whether the dictionary changed. */
    private int dictionaryGeneration;

    private int mode;
    private byte[] data;
    private int pos;
    private int end;
    private int count;
    private int next;
    /** Dictionary indices, or value lengths (DELTA_LENGTH), or suffix lengths (DELTA). */
    private int[] ints = new int[0];
    /** DELTA_BYTE_ARRAY prefix lengths. */
    private int[] prefixes = new int[0];

    /** Forgets the dictionary: a new column chunk starts. */
    void reset() {
        dictionarySize = -1;
    }

    /** A PLAIN dictionary page of byte arrays: 4-byte little-endian length, then the bytes, per entry. */
    void readDictionary(byte[] in, int offset, int length, int size) {
        if (size < 0) {
            throw corrupt("dictionary of " + size + " entries");
        }
        if (dictionaryBytes.length < length + ColumnChunkPages.SLACK) {
            // the slack lets VarCharAppender copy entries a word at a time
            dictionaryBytes = new byte[length + ColumnChunkPages.SLACK];
        }
        System.arraycopy(in, offset, dictionaryBytes, 0, length);
        if (entryStart.length < size) {
            entryStart = new int[size];
            entryLength = new int[size];
        }
        int at = 0;
        for (int i = 0; i < size; i++) {
            if (at + 4 > length) {
                throw corrupt("dictionary page ends early");
            }
            int entry = MemoryUtil.getInt(dictionaryBytes, at);
            entryStart[i] = at + 4;
            entryLength[i] = entry;
            at += 4 + entry;
            if (entry < 0 || at > length || at < 0) {
                throw corrupt("dictionary entry " + i + " runs past its page");
            }
        }
        dictionarySize = size;
        dictionaryLength = length - 4L * size;
        dictionaryGeneration++;
    }

    /** True when the current page holds dictionary indices. */
    boolean dictionaryPage() {
        return mode == DICTIONARY;
    }

    int dictionarySize() {
        return dictionarySize;
    }

    /** Bytes of the dictionary's entries. */
    long dictionaryBytes() {
        return dictionaryLength;
    }

    int dictionaryGeneration() {
        return dictionaryGeneration;
    }

    /** Appends every dictionary entry, in order, to {@code out} (whose bytes must be reserved). */
    void appendDictionary(VarCharAppender out) {
        for (int i = 0; i < dictionarySize; i++) {
            out.append(dictionaryBytes, entryStart[i], entryLength[i]);
        }
    }

    /** The dictionary index of the page's next value (a dictionary page only). */
    int nextIndex() {
        if (next >= count) {
            throw corrupt("page has fewer values than its levels define");
        }
        return ints[next++];
    }

    /**
     * Starts a data page of {@code values} non-null values in {@code in[offset..end)}; returns the
     * bytes those values take (an upper bound for PLAIN).
     */
    long startPage(Encoding encoding, byte[] in, int offset, int end, int values) {
        this.data = in;
        this.end = end;
        this.count = values;
        this.next = 0;
        if (ints.length < values) {
            ints = new int[Math.max(values, ints.length * 2)];
        }
        switch (encoding) {
            case RLE_DICTIONARY, PLAIN_DICTIONARY -> {
                if (dictionarySize < 0) {
                    throw corrupt("dictionary page missing");
                }
                mode = DICTIONARY;
                if (values == 0) {
                    return 0;
                }
                Int64Decoding.indices(in, offset, end, values, dictionarySize, ints, 0);
                long bytes = 0;
                for (int i = 0; i < values; i++) {
                    bytes += entryLength[ints[i]];
                }
                return bytes;
            }
            case PLAIN -> {
                mode = PLAIN;
                pos = offset;
                return end - offset;
            }
            case DELTA_LENGTH_BYTE_ARRAY -> {
                mode = DELTA_LENGTH;
                pos = LevelAndLengthDecoding.deltaInts(in, offset, end, values, ints);
                return checkedSum(ints, values, end - pos);
            }
            case DELTA_BYTE_ARRAY -> {
                mode = DELTA;
                if (prefixes.length < values) {
                    prefixes = new int[ints.length];
                }
                int suffixes = LevelAndLengthDecoding.deltaInts(in, offset, end, values, prefixes);
                pos = LevelAndLengthDecoding.deltaInts(in, suffixes, end, values, ints);
                long prefixBytes = 0;
                for (int i = 0; i < values; i++) {
                    if (prefixes[i] < 0) {
                        throw corrupt("negative prefix length");
                    }
                    prefixBytes += prefixes[i];
                }
                return prefixBytes + checkedSum(ints, values, end - pos);
            }
            default -> throw corrupt("unsupported text encoding " + encoding);
        }
    }

    /** The sum of {@code lengths[0..n)}, which must all be non-negative and fit in {@code available} bytes. */
    private static long checkedSum(int[] lengths, int n, long available) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            if (lengths[i] < 0) {
                throw corrupt("negative value length");
            }
            sum += lengths[i];
        }
        if (sum > available) {
            throw corrupt("values of " + sum + " bytes in a page with " + available + " left");
        }
        return sum;
    }

    /** Copies the page's next value to {@code out}. */
    void appendNext(VarCharAppender out) {
        if (next >= count) {
            throw corrupt("page has fewer values than its levels define");
        }
        int i = next++;
        switch (mode) {
            case DICTIONARY -> {
                int entry = ints[i];
                out.append(dictionaryBytes, entryStart[entry], entryLength[entry]);
            }
            case PLAIN -> {
                if (pos + 4 > end) {
                    throw corrupt("plain text value runs past the page");
                }
                int length = MemoryUtil.getInt(data, pos);
                pos += 4;
                if (length < 0 || pos + length > end || pos + length < 0) {
                    throw corrupt("plain text value runs past the page");
                }
                out.append(data, pos, length);
                pos += length;
            }
            case DELTA_LENGTH -> {
                int length = ints[i];
                out.append(data, pos, length);
                pos += length;
            }
            default -> {
                int length = ints[i];
                out.appendPrefixed(prefixes[i], data, pos, length);
                pos += length;
            }
        }
    }

    /** Copies the page's next {@code n} values to {@code out}, for columns without nulls. */
    void appendCount(VarCharAppender out, int n) {
        if (n > count - next) {
            throw corrupt("page has fewer values than its levels define");
        }
        int end = next + n;
        if (mode == DICTIONARY) {
            int[] indices = ints;
            byte[] bytes = dictionaryBytes;
            for (int i = next; i < end; i++) {
                int entry = indices[i];
                out.append(bytes, entryStart[entry], entryLength[entry]);
            }
            next = end;
        } else if (mode == DELTA) {
            int[] suffixes = ints;
            int at = pos;
            for (int i = next; i < end; i++) {
                out.appendPrefixed(prefixes[i], data, at, suffixes[i]);
                at += suffixes[i];
            }
            pos = at;
            next = end;
        } else {
            for (int i = 0; i < n; i++) {
                appendNext(out);
            }
        }
    }

    /** Fails unless every value of the page was taken. */
    void finishPage() {
        if (next != count) {
            throw corrupt("page holds " + count + " values, its levels define " + next);
        }
    }

    private static StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, message);
    }
}
