package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Set;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The vectorized path: decodes a whole column chunk of a required INT64 or DOUBLE column (ids,
 * timestamps, values) into an 8-byte-wide Arrow vector, page by page, with the loops of
 * {@link Int64Decoding}, {@link DeltaBinaryPackedReader} and {@link DictionaryIndexReader}; either a
 * whole chunk at once ({@link #decode}) or in slices ({@link #start}, {@link #next}, {@link #finish}).
 * Not thread-safe; one per reader and column.
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
    private final DeltaBinaryPackedReader delta = new DeltaBinaryPackedReader();
    private final DictionaryIndexReader indices = new DictionaryIndexReader();
    private long[] dictionary = new long[0];
    private int dictionarySize;
    private ColumnChunkMetaData column;
    private int rows;
    private int written;
    private Encoding encoding;
    private byte[] data;
    private int offset;
    private int pageCount;
    private int pageRemaining;

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
        start(channel, column, rows);
        next(rows, vector.getDataBuffer().memoryAddress());
        finish();
        // required column: every row is valid
        MemoryUtil.setMemory(vector.getValidityBuffer().memoryAddress(), (rows + 7) / 8, (byte) 0xFF);
    }

    /** Positions on the first value of {@code column}, a chunk of {@code rows} values. */
    public void start(FileChannel channel, ColumnChunkMetaData column, int rows) throws IOException {
        pages.open(channel, column);
        this.column = column;
        this.rows = rows;
        written = 0;
        pageRemaining = 0;
        dictionarySize = -1;
    }

    /**
     * Decodes the chunk's next {@code n} values to {@code outAddress}, resuming mid-page: a row
     * group is decoded in slices that stay in cache (decision 0002). Validity is the caller's.
     */
    public void next(int n, long outAddress) throws IOException {
        if (n > rows - written) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " asked for " + (written + n)
                    + " of " + rows + " values");
        }
        int done = 0;
        while (done < n) {
            if (pageRemaining == 0) {
                nextDataPage();
                continue;
            }
            int take = Math.min(pageRemaining, n - done);
            long out = outAddress + (long) done * 8;
            int from = pageCount - pageRemaining;
            switch (encoding) {
                case PLAIN -> Int64Decoding.plain(data, offset + from * 8, take, out);
                case DELTA_BINARY_PACKED -> delta.read(take, out);
                case RLE_DICTIONARY, PLAIN_DICTIONARY -> indices.read(take, dictionary, dictionarySize, out);
                case BYTE_STREAM_SPLIT -> Int64Decoding.byteStreamSplit(data, offset, pageCount, from, take, out);
                default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
            }
            pageRemaining -= take;
            done += take;
            written += take;
        }
    }

    /** Checks that the chunk held exactly the values read. */
    public void finish() throws IOException {
        if (written != rows || pageRemaining != 0 || nextPageHasValues()) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " holds more or fewer than "
                    + rows + " values");
        }
    }

    private boolean nextPageHasValues() throws IOException {
        while (pages.next()) {
            if (pages.pageType() != PageType.DICTIONARY_PAGE && pages.valueCount() > 0) {
                return true;
            }
        }
        return false;
    }

    private void nextDataPage() throws IOException {
        if (!pages.next()) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has " + written
                    + " values, expected " + rows);
        }
        data = pages.data();
        offset = pages.dataOffset();
        int end = offset + pages.dataLength();
        if (pages.pageType() == PageType.DICTIONARY_PAGE) {
            dictionarySize = pages.valueCount();
            if (dictionarySize < 0 || (long) dictionarySize * 8 > pages.dataLength()) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "short dictionary page in " + column.getPath());
            }
            dictionary = Int64Decoding.dictionary(data, offset, dictionarySize, dictionary);
            return;
        }
        int count = pages.valueCount();
        if (pages.nullCount() != 0 || count < 0 || written + count > rows) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has nulls or too many values");
        }
        encoding = pages.encoding();
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> {
                if ((long) count * 8 > pages.dataLength()) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "short page in " + column.getPath());
                }
            }
            case DELTA_BINARY_PACKED -> delta.start(data, offset, end, count);
            case RLE_DICTIONARY, PLAIN_DICTIONARY -> {
                if (dictionarySize < 0) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "dictionary page missing in " + column.getPath());
                }
                if (count > 0) {
                    indices.start(data, offset, end);
                }
            }
            default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
        }
        pageCount = count;
        pageRemaining = count;
    }

    @Override
    public void close() {
        pages.close();
    }
}
