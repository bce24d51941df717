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
 * timestamps, values) into an 8-byte-wide Arrow vector, page by page (or the set values of an
 * optional one densely, with its definition levels, {@link #nextNullable}), with the loops of
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

    /** Skips shorter than this many delta values are summed without building the page's checkpoints. */
    private static final int DELTA_CHECKPOINT_MIN_SKIP = 4096;

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
    private int pageValues;
    private int valuesRead;
    private int pageRemaining;
    private boolean optional;
    private final DefinitionLevelReader levels = new DefinitionLevelReader();
    private PageCache pageCache;
    private int pageEnd;
    private long pageKey;
    /** Whether the current delta page has checkpoints or they were looked for and built. */
    private boolean checkpointsSettled;

    /** True when this decoder handles {@code column} of {@code type}; otherwise use the record path. */
    public static boolean supports(Type type, ColumnChunkMetaData column) {
        return type.getRepetition() == Type.Repetition.REQUIRED && supportsValues(type, column);
    }

    /** True when {@link #nextNullable} handles {@code column}, a top-level optional INT64/DOUBLE column. */
    public static boolean supportsOptional(Type type, ColumnChunkMetaData column) {
        return type.getRepetition() == Type.Repetition.OPTIONAL && supportsValues(type, column);
    }

    private static boolean supportsValues(Type type, ColumnChunkMetaData column) {
        if (!type.isPrimitive()) {
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

    /** Positions on the first value of {@code column}, a required chunk of {@code rows} values. */
    public void start(FileChannel channel, ColumnChunkMetaData column, int rows) throws IOException {
        start(channel, column, rows, false);
    }

    /** Positions on the first row of {@code column}, a chunk of {@code rows} rows, optional or required. */
    public void start(FileChannel channel, ColumnChunkMetaData column, int rows, boolean optional) throws IOException {
        start(channel, column, rows, optional, null);
    }

    /**
     * Like {@link #start(FileChannel, ColumnChunkMetaData, int, boolean)}, keeping and reusing
     * the chunk decompressed and its delta pages' skip checkpoints in {@code pageCache} (null: none kept).
     */
    public void start(FileChannel channel, ColumnChunkMetaData column, int rows, boolean optional, PageCache pageCache)
            throws IOException {
        pages.open(channel, column, pageCache);
        this.pageCache = pageCache;
        this.column = column;
        this.rows = rows;
        this.optional = optional;
        written = 0;
        pageRemaining = 0;
        dictionarySize = -1;
    }

    /**
     * Decodes the chunk's next {@code n} values to {@code outAddress}, resuming mid-page: a row
     * group is decoded in slices that stay in cache (decision 0002). Validity is the caller's.
     */
    public void next(int n, long outAddress) throws IOException {
        if (optional) {
            throw new IllegalStateException("optional column " + column.getPath() + ": use nextNullable");
        }
        slice(n, outAddress, null, 0);
    }

    /**
     * The next {@code n} rows of an optional column: their definition levels (1 = set) to
     * {@code defined[at..at+n)} and only the set values, densely, to {@code outAddress}. Returns
     * how many values were set.
     */
    public int nextNullable(int n, long outAddress, byte[] defined, int at) throws IOException {
        if (!optional) {
            throw new IllegalStateException("required column " + column.getPath() + ": use next");
        }
        return slice(n, outAddress, defined, at);
    }

    private int slice(int n, long outAddress, byte[] defined, int at) throws IOException {
        if (n > rows - written) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " asked for " + (written + n)
                    + " of " + rows + " values");
        }
        int done = 0;
        int dense = 0;
        while (done < n) {
            if (pageRemaining == 0) {
                nextDataPage();
                continue;
            }
            int take = Math.min(pageRemaining, n - done);
            int values = defined == null ? take : levels.read(take, defined, at + done);
            if (valuesRead + values > pageValues) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " defines more values than its page holds");
            }
            if (values > 0) {
                decodeValues(values, outAddress + (long) dense * 8);
            }
            pageRemaining -= take;
            done += take;
            written += take;
            dense += values;
        }
        return dense;
    }

    /**
     * Skips the chunk's next {@code n} rows, required or optional: a data page that lies wholly
     * inside them is passed over unread (not even decompressed), rows inside a page as cheaply as
     * the page's encoding allows (PLAIN and BYTE_STREAM_SPLIT by arithmetic, dictionary indices
     * run by run, DELTA_BINARY_PACKED by summing the deltas).
     */
    public void skip(int n) throws IOException {
        if (n > rows - written) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " asked to skip to " + (written + n)
                    + " of " + rows + " rows");
        }
        int done = 0;
        while (done < n) {
            if (pageRemaining == 0) {
                if (!pages.nextHeader()) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has " + written
                            + " values, expected " + rows);
                }
                int count = pages.valueCount();
                if (pages.pageType() != PageType.DICTIONARY_PAGE && count >= 0 && count <= n - done) {
                    // v2: num_values counts rows of a top-level column, nulls included
                    done += count;
                    written += count;
                    continue;
                }
                pages.loadBody();
                setUpPage();
                continue;
            }
            int take = Math.min(pageRemaining, n - done);
            int values = optional ? levels.skip(take) : take;
            if (valuesRead + values > pageValues) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " defines more values than its page holds");
            }
            switch (encoding) {
                case PLAIN, BYTE_STREAM_SPLIT -> {
                    // the decoders address values by index from the page start
                }
                case DELTA_BINARY_PACKED -> {
                    if (!checkpointsSettled && values > DELTA_CHECKPOINT_MIN_SKIP) {
                        settleCheckpoints();
                    }
                    delta.skip(values);
                }
                case RLE_DICTIONARY, PLAIN_DICTIONARY -> indices.skip(values, dictionary, dictionarySize);
                default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
            }
            valuesRead += values;
            pageRemaining -= take;
            done += take;
            written += take;
        }
    }

    /**
     * Builds the current delta page's checkpoints once per part (one walk over its deltas, what
     * this skip would cost anyway) so that later skips over the page jump.
     */
    private void settleCheckpoints() {
        checkpointsSettled = true;
        if (pageCache == null) {
            return;
        }
        DeltaCheckpoints built = DeltaBinaryPackedReader.checkpoints(data, offset, pageEnd, pageValues);
        if (built != null) {
            pageCache.putDeltaCheckpoints(pageKey, built);
            delta.useCheckpoints(built);
        }
    }

    private void decodeValues(int values, long out) {
        switch (encoding) {
            case PLAIN -> Int64Decoding.plain(data, offset + valuesRead * 8, values, out);
            case DELTA_BINARY_PACKED -> delta.read(values, out);
            case RLE_DICTIONARY, PLAIN_DICTIONARY -> indices.read(values, dictionary, dictionarySize, out);
            case BYTE_STREAM_SPLIT -> Int64Decoding.byteStreamSplit(data, offset, pageValues, valuesRead, values, out);
            default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
        }
        valuesRead += values;
    }

    /** Checks that the chunk held exactly the values read. */
    public void finish() throws IOException {
        if (written != rows || pageRemaining != 0 || nextPageHasValues()) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " holds more or fewer than "
                    + rows + " values");
        }
    }

    private boolean nextPageHasValues() throws IOException {
        while (pages.nextHeader()) {
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
        setUpPage();
    }

    /** Makes the page {@link ColumnChunkPages} holds (body loaded) the current one. */
    private void setUpPage() {
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
        // v2: num_values counts rows of a top-level column, nulls included
        int count = pages.valueCount();
        int nulls = pages.nullCount();
        if (count < 0 || written + count > rows || nulls < 0 || nulls > count || (!optional && nulls != 0)) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " has unexpected nulls or too many values");
        }
        int values = count - nulls;
        encoding = pages.encoding();
        switch (encoding) {
            case PLAIN, BYTE_STREAM_SPLIT -> {
                if ((long) values * 8 > pages.dataLength()) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "short page in " + column.getPath());
                }
            }
            case DELTA_BINARY_PACKED -> {
                checkpointsSettled = pageCache == null;
                if (values > 0) {
                    delta.start(data, offset, end, values);
                    if (pageCache != null) {
                        DeltaCheckpoints known = pageCache.deltaCheckpoints(pages.pageKey());
                        if (known != null) {
                            delta.useCheckpoints(known);
                            checkpointsSettled = true;
                        }
                    }
                }
            }
            case RLE_DICTIONARY, PLAIN_DICTIONARY -> {
                if (dictionarySize < 0) {
                    throw new StrataException(PartErrorCode.CORRUPT_PART, "dictionary page missing in " + column.getPath());
                }
                if (values > 0) {
                    indices.start(data, offset, end);
                }
            }
            default -> throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported encoding " + encoding);
        }
        if (optional) {
            int levelsAt = pages.definitionLevelsOffset();
            levels.start(pages.levels(), levelsAt, levelsAt + pages.definitionLevelsLength());
        }
        pageValues = values;
        pageEnd = end;
        pageKey = pages.pageKey();
        valuesRead = 0;
        pageRemaining = count;
    }

    @Override
    public void close() {
        pages.close();
    }
}
