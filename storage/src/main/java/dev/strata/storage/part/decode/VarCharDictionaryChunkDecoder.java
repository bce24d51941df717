package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The vectorized path for required text columns whose every data page is dictionary-encoded
 * ({@code metric}, span names and kinds): indices are decoded into a reused int array, then the
 * dictionary entries are copied into the Arrow offset and data buffers in two passes (sizes, then
 * bytes). Chunks that fell back to another encoding go through the record path. Not thread-safe.
 */
public final class VarCharDictionaryChunkDecoder implements AutoCloseable {
    private final ColumnChunkPages pages = new ColumnChunkPages();
    private byte[] dictionaryBytes = new byte[0];
    private int[] entryStart = new int[0];
    private int[] entryLength = new int[0];
    private int[] indices = new int[0];

    /** True when every data page of {@code column} is dictionary-encoded and the column is required text. */
    public static boolean supports(Type type, ColumnChunkMetaData column) {
        if (!type.isPrimitive() || type.getRepetition() != Type.Repetition.REQUIRED
                || ((PrimitiveType) type).getPrimitiveTypeName() != PrimitiveTypeName.BINARY) {
            return false;
        }
        EncodingStats stats = column.getEncodingStats();
        return stats != null && stats.hasDictionaryPages() && !stats.hasNonDictionaryEncodedPages()
                && stats.usesV2Pages();
    }

    /** Decodes {@code column} ({@code rows} values) into {@code vector}, replacing its contents. */
    public void decode(FileChannel channel, ColumnChunkMetaData column, int rows, VarCharVector vector) throws IOException {
        pages.open(channel, column);
        if (indices.length < rows) {
            indices = new int[rows];
        }
        int dictionarySize = -1;
        int written = 0;
        while (pages.next()) {
            byte[] data = pages.data();
            int offset = pages.dataOffset();
            if (pages.pageType() == PageType.DICTIONARY_PAGE) {
                dictionarySize = pages.valueCount();
                readDictionary(data, offset, pages.dataLength(), dictionarySize);
                continue;
            }
            Encoding encoding = pages.encoding();
            if (dictionarySize < 0 || (encoding != Encoding.RLE_DICTIONARY && encoding != Encoding.PLAIN_DICTIONARY)) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has a " + encoding
                        + " page where its statistics promise dictionary pages only");
            }
            int count = pages.valueCount();
            if (pages.nullCount() != 0 || written + count > rows) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has nulls or too many values");
            }
            Int64Decoding.indices(data, offset, offset + pages.dataLength(), count, dictionarySize, indices, written);
            written += count;
        }
        if (written != rows) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has " + written + " values, expected " + rows);
        }
        long total = 0;
        for (int i = 0; i < rows; i++) {
            total += entryLength[indices[i]];
        }
        vector.clear();
        vector.allocateNew(Math.max(total, 1), rows);
        long offsets = vector.getOffsetBuffer().memoryAddress();
        long bytes = vector.getDataBuffer().memoryAddress();
        int position = 0;
        MemoryUtil.putInt(offsets, 0);
        for (int i = 0; i < rows; i++) {
            int entry = indices[i];
            int length = entryLength[entry];
            MemoryUtil.copyToMemory(dictionaryBytes, entryStart[entry], bytes + position, length);
            position += length;
            MemoryUtil.putInt(offsets + (long) (i + 1) * 4, position);
        }
        MemoryUtil.setMemory(vector.getValidityBuffer().memoryAddress(), (rows + 7) / 8, (byte) 0xFF);
        vector.setLastSet(rows - 1);
    }

    /** A PLAIN dictionary page of byte arrays: 4-byte little-endian length, then the bytes, per entry. */
    private void readDictionary(byte[] data, int offset, int length, int size) {
        if (dictionaryBytes.length < length) {
            dictionaryBytes = new byte[length];
        }
        System.arraycopy(data, offset, dictionaryBytes, 0, length);
        if (entryStart.length < size) {
            entryStart = new int[size];
            entryLength = new int[size];
        }
        int pos = 0;
        for (int i = 0; i < size; i++) {
            if (pos + 4 > length) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "dictionary page ends early");
            }
            int entry = MemoryUtil.getInt(dictionaryBytes, pos);
            entryStart[i] = pos + 4;
            entryLength[i] = entry;
            pos += 4 + entry;
            if (entry < 0 || pos > length) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "dictionary entry " + i + " runs past its page");
            }
        }
    }

    @Override
    public void close() {
        pages.close();
    }
}
