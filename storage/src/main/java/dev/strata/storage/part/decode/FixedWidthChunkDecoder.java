package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Set;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The vectorized path: decodes a whole column chunk of a required INT64 or DOUBLE column (ids,
 * timestamps, values) into an 8-byte-wide Arrow vector, page by page, with the loops of
 * {@link Int64Decoding}. Not thread-safe; one per reader and column.
 */
public final class FixedWidthChunkDecoder implements AutoCloseable {
    private static final Set<org.apache.parquet.column.Encoding> SUPPORTED = Set.of(
            org.apache.parquet.column.Encoding.PLAIN,
            org.apache.parquet.column.Encoding.PLAIN_DICTIONARY,
            org.apache.parquet.column.Encoding.RLE_DICTIONARY,
            org.apache.parquet.column.Encoding.DELTA_BINARY_PACKED,
            org.apache.parquet.column.Encoding.BYTE_STREAM_SPLIT,
            // level encoding, listed in the chunk's encodings even for required columns
            org.apache.parquet.column.Encoding.RLE);

    private final ColumnChunkPages pages = new ColumnChunkPages();
    private long[] dictionary = new long[0];
    private int dictionarySize;

    /** True when this decoder handles {@code column} of {@code type}; otherwise use the record path. */
    public static boolean supports(Type type, ColumnChunkMetaData column) {
        if (!type.isPrimitive() || type.getRepetition() != Type.Repetition.REQUIRED) {
            return false;
        }
        PrimitiveTypeName name = ((PrimitiveType) type).getPrimitiveTypeName();
        if (name != PrimitiveTypeName.INT64 && name != PrimitiveTypeName.DOUBLE) {
            return false;
        }
        return SUPPORTED.containsAll(column.getEncodings());
    }

    /**
     * Decodes {@code column} ({@code rows} values) into {@code vector}, which must already hold
     * capacity for {@code rows} values; sets every validity bit.
     */
    public void decode(FileChannel channel, ColumnChunkMetaData column, int rows, BaseFixedWidthVector vector) throws IOException {
        pages.open(channel, column);
        long address = vector.getDataBuffer().memoryAddress();
        int written = 0;
        dictionarySize = -1;
        while (pages.next()) {
            byte[] data = pages.data();
            int offset = pages.dataOffset();
            int end = offset + pages.dataLength();
            if (pages.pageType() == org.apache.parquet.format.PageType.DICTIONARY_PAGE) {
                dictionarySize = pages.valueCount();
                dictionary = Int64Decoding.dictionary(data, offset, dictionarySize, dictionary);
                continue;
            }
            int count = pages.valueCount();
            if (pages.nullCount() != 0 || written + count > rows) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has nulls or too many values");
            }
            long out = address + (long) written * 8;
            Encoding encoding = pages.encoding();
            switch (encoding) {
                case PLAIN -> Int64Decoding.plain(data, offset, count, out);
                case DELTA_BINARY_PACKED -> Int64Decoding.deltaBinaryPacked(data, offset, end, count, out);
                case RLE_DICTIONARY, PLAIN_DICTIONARY -> {
                    if (dictionarySize < 0) {
                        throw new StrataException(PartErrorCode.CORRUPT_PART, "dictionary page missing in " + column.getPath());
                    }
                    Int64Decoding.dictionaryIndices(data, offset, end, count, dictionary, dictionarySize, out);
                }
                case BYTE_STREAM_SPLIT -> Int64Decoding.byteStreamSplit(data, offset, count, out);
                default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
            }
            written += count;
        }
        if (written != rows) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has " + written + " values, expected " + rows);
        }
        // required column: every row is valid
        MemoryUtil.setMemory(vector.getValidityBuffer().memoryAddress(), (rows + 7) / 8, (byte) 0xFF);
    }

    @Override
    public void close() {
        pages.close();
    }
}
