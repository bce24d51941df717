package dev.strata.storage.part.decode;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Walks the pages of one column chunk: reads the chunk's bytes with one positional read into a
 * reused buffer, parses each page header and decompresses the page body (zstd-jni) into a second
 * reused buffer. After {@link #next()} the current page's values lie in
 * {@link #data()}[{@link #dataOffset()}, +{@link #dataLength()}); both buffers keep
 * {@link #SLACK} spare bytes at the end so decoders may read 8 bytes past a value without bounds
 * checks. With a {@link PageCache}, a chunk is decompressed once per part: the first open captures
 * every page ({@link CachedChunk}) and later opens replay it without reading the file (decision
 * 0024). Not thread-safe; one per reader and column.
 */
public final class ColumnChunkPages implements AutoCloseable {
    /** Bytes decoders may read past the end of a page's data. */
    public static final int SLACK = 16;

    /** Created on the first compressed page: a native context per reader and column costs more than replaying a cached chunk. */
    private ZstdDecompressCtx zstd;
    private final HeaderStream headerStream = new HeaderStream();
    private byte[] chunk = new byte[0];
    private byte[] page = new byte[0];
    private int chunkLength;
    private long chunkStart;
    private int position;
    private int headerStart;
    private CompressionCodecName codec;

    private PageType pageType;
    private Encoding encoding;
    private int valueCount;
    private int nullCount;
    private int rowCount;
    private byte[] data;
    private int dataOffset;
    private int dataLength;
    private int levelsOffset;
    private int repetitionLevelsLength;
    private int definitionLevelsLength;
    private int pendingStart;
    private int pendingCompressed;
    private int pendingUncompressed;
    private boolean pendingIsCompressed;
    /** The chunk being replayed from the cache, or null when pages come from the file. */
    private CachedChunk replay;
    private int replayNext;
    private CachedChunk.Page replayed;
    private byte[] levelsArray = new byte[0];

    /** Positions on the first page of {@code column}, read from {@code channel}. */
    public void open(FileChannel channel, ColumnChunkMetaData column) throws IOException {
        open(channel, column, null);
    }

    /**
     * Positions on the first page of {@code column}: replayed from {@code cache} when it keeps the
     * chunk, otherwise read from {@code channel} and, when the cache has room, captured into it.
     */
    public void open(FileChannel channel, ColumnChunkMetaData column, PageCache cache) throws IOException {
        long start = column.getStartingPos();
        replay = null;
        if (cache != null) {
            CachedChunk kept = cache.chunk(start);
            if (kept != null) {
                chunkStart = start;
                replay = kept;
                replayNext = 0;
                return;
            }
        }
        long size = column.getTotalSize();
        if (size > Integer.MAX_VALUE - SLACK) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "column chunk of " + size + " bytes");
        }
        chunkLength = (int) size;
        chunkStart = start;
        if (chunk.length < chunkLength + SLACK) {
            chunk = new byte[chunkLength + SLACK];
        }
        ByteBuffer target = ByteBuffer.wrap(chunk, 0, chunkLength);
        long offset = start;
        while (target.hasRemaining()) {
            int read = channel.read(target, offset);
            if (read < 0) {
                throw new StrataException(PartErrorCode.CORRUPT_PART, "column chunk " + column.getPath() + " ends early");
            }
            offset += read;
        }
        codec = column.getCodec();
        if (codec != CompressionCodecName.ZSTD && codec != CompressionCodecName.UNCOMPRESSED) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "unsupported codec " + codec);
        }
        position = 0;
        if (cache != null && cache.hasRoomFor(column.getTotalUncompressedSize())) {
            CachedChunk captured = capture();
            CachedChunk kept = cache.offerChunk(start, captured);
            // without room after all, this reader still replays what it just decompressed
            replay = kept != null ? kept : captured;
            replayNext = 0;
        }
    }

    /** Decompresses every page of the chunk just read from the file into a {@link CachedChunk}. */
    private CachedChunk capture() throws IOException {
        List<CachedChunk.Page> captured = new ArrayList<>();
        while (nextHeader()) {
            loadBody();
            byte[] levels = pageType == PageType.DICTIONARY_PAGE ? new byte[0]
                    : Arrays.copyOfRange(chunk, levelsOffset, levelsOffset + repetitionLevelsLength + definitionLevelsLength);
            byte[] values = Arrays.copyOfRange(data, dataOffset, dataOffset + dataLength + SLACK);
            captured.add(new CachedChunk.Page(headerStart, pageType, encoding, valueCount, nullCount, rowCount, repetitionLevelsLength,
                    definitionLevelsLength, levels, values, dataLength));
        }
        position = 0;
        return new CachedChunk(captured.toArray(new CachedChunk.Page[0]));
    }

    /** Advances to the next page; false at the end of the chunk. Index pages are skipped. */
    public boolean next() throws IOException {
        if (!nextHeader()) {
            return false;
        }
        loadBody();
        return true;
    }

    /**
     * Advances to the next page's header only; false at the end of the chunk. The page's counts
     * and type are known; its values are not until {@link #loadBody}, and a page whose body is
     * never loaded is skipped without decompressing it.
     */
    public boolean nextHeader() throws IOException {
        if (replay != null) {
            if (replayNext == replay.pageCount()) {
                return false;
            }
            CachedChunk.Page page = replay.page(replayNext++);
            replayed = page;
            headerStart = page.headerPosition;
            pageType = page.type;
            encoding = page.encoding;
            valueCount = page.valueCount;
            nullCount = page.nullCount;
            rowCount = page.rowCount;
            repetitionLevelsLength = page.repetitionLevelsLength;
            definitionLevelsLength = page.definitionLevelsLength;
            levelsArray = page.levels;
            levelsOffset = 0;
            return true;
        }
        while (position < chunkLength) {
            headerStart = position;
            headerStream.reset(chunk, position, chunkLength);
            PageHeader header = Util.readPageHeader(headerStream);
            position = headerStream.position;
            int compressedSize = header.getCompressed_page_size();
            int bodyStart = position;
            position += compressedSize;
            pageType = header.getType();
            switch (pageType) {
                case DICTIONARY_PAGE -> {
                    DictionaryPageHeader dictionary = header.getDictionary_page_header();
                    encoding = dictionary.getEncoding();
                    valueCount = dictionary.getNum_values();
                    nullCount = 0;
                    rowCount = 0;
                    repetitionLevelsLength = 0;
                    definitionLevelsLength = 0;
                    pendingStart = bodyStart;
                    pendingCompressed = compressedSize;
                    pendingUncompressed = header.getUncompressed_page_size();
                    pendingIsCompressed = true;
                    return true;
                }
                case DATA_PAGE_V2 -> {
                    DataPageHeaderV2 v2 = header.getData_page_header_v2();
                    encoding = v2.getEncoding();
                    valueCount = v2.getNum_values();
                    nullCount = v2.getNum_nulls();
                    rowCount = v2.getNum_rows();
                    repetitionLevelsLength = v2.getRepetition_levels_byte_length();
                    definitionLevelsLength = v2.getDefinition_levels_byte_length();
                    levelsOffset = bodyStart;
                    levelsArray = chunk;
                    int levels = repetitionLevelsLength + definitionLevelsLength;
                    // v2 keeps the levels uncompressed in front of the (possibly compressed) values
                    pendingStart = bodyStart + levels;
                    pendingCompressed = compressedSize - levels;
                    pendingUncompressed = header.getUncompressed_page_size() - levels;
                    pendingIsCompressed = !v2.isSetIs_compressed() || v2.isIs_compressed();
                    return true;
                }
                case DATA_PAGE -> throw new StrataException(PartErrorCode.CORRUPT_PART,
                        "v1 data pages are not read by this decoder");
                default -> {
                    // index pages carry nothing we read
                }
            }
        }
        return false;
    }

    /** Decompresses the body of the page {@link #nextHeader} stopped on. */
    public void loadBody() {
        if (replay != null) {
            data = replayed.data;
            dataOffset = 0;
            dataLength = replayed.dataLength;
            return;
        }
        body(pendingStart, pendingCompressed, pendingUncompressed, pendingIsCompressed);
    }

    private void body(int start, int compressedSize, int uncompressedSize, boolean compressed) {
        if (!compressed || codec == CompressionCodecName.UNCOMPRESSED) {
            data = chunk;
            dataOffset = start;
            dataLength = compressedSize;
            return;
        }
        if (page.length < uncompressedSize + SLACK) {
            page = new byte[Math.max(uncompressedSize + SLACK, page.length * 2)];
        }
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
        }
        long written = zstd.decompressByteArray(page, 0, uncompressedSize, chunk, start, compressedSize);
        if (written != uncompressedSize) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "page decompressed to " + written + " bytes, expected " + uncompressedSize);
        }
        data = page;
        dataOffset = 0;
        dataLength = uncompressedSize;
    }

    /** Where the current page's header starts in the file: a key unique to the page within its part. */
    public long pageKey() {
        return chunkStart + headerStart;
    }

    public PageType pageType() {
        return pageType;
    }

    public Encoding encoding() {
        return encoding;
    }

    public int valueCount() {
        return valueCount;
    }

    public int nullCount() {
        return nullCount;
    }

    public int rowCount() {
        return rowCount;
    }

    public byte[] data() {
        return data;
    }

    public int dataOffset() {
        return dataOffset;
    }

    public int dataLength() {
        return dataLength;
    }

    /** A copy of the current page's values, for consumers that keep pages (the record path). */
    public byte[] copyData() {
        return Arrays.copyOfRange(data, dataOffset, dataOffset + dataLength);
    }

    /** The array holding the current v2 page's (uncompressed) levels; see {@link #definitionLevelsOffset()}. */
    public byte[] levels() {
        return levelsArray;
    }

    public int definitionLevelsOffset() {
        return levelsOffset + repetitionLevelsLength;
    }

    public int definitionLevelsLength() {
        return definitionLevelsLength;
    }

    /** Where the current v2 page's repetition levels start in {@link #levels()}. */
    public int repetitionLevelsOffset() {
        return levelsOffset;
    }

    public int repetitionLevelsLength() {
        return repetitionLevelsLength;
    }

    /** A copy of the current v2 page's repetition levels. */
    public byte[] copyRepetitionLevels() {
        return Arrays.copyOfRange(levelsArray, levelsOffset, levelsOffset + repetitionLevelsLength);
    }

    /** A copy of the current v2 page's definition levels. */
    public byte[] copyDefinitionLevels() {
        int from = levelsOffset + repetitionLevelsLength;
        return Arrays.copyOfRange(levelsArray, from, from + definitionLevelsLength);
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
    }

    /** An InputStream over the chunk buffer that reports how far the Thrift header parser read. */
    private static final class HeaderStream extends InputStream {
        private byte[] bytes;
        private int position;
        private int end;

        void reset(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        @Override
        public int read() {
            return position < end ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= end) {
                return -1;
            }
            int n = Math.min(len, end - position);
            System.arraycopy(bytes, position, b, off, n);
            position += n;
            return n;
        }
    }
}
