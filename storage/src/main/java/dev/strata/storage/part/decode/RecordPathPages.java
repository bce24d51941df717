package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.Map;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;

/**
 * A {@link PageReadStore} over one row group for parquet-java's record assembly (the path for
 * maps, lists, structs and strings): pages come from {@link ColumnChunkPages}, decompressed with
 * zstd-jni, so no Hadoop codec is loaded. Each page is copied out, because parquet-java keeps
 * page bytes (dictionaries, for one) while it reads on.
 */
public final class RecordPathPages implements PageReadStore {
    private final FileChannel channel;
    private final Map<ColumnPath, ColumnChunkMetaData> columns;
    private final long rowCount;
    private final ColumnChunkPages pages;

    public RecordPathPages(FileChannel channel, Map<ColumnPath, ColumnChunkMetaData> columns, long rowCount, ColumnChunkPages pages) {
        this.channel = channel;
        this.columns = columns;
        this.rowCount = rowCount;
        this.pages = pages;
    }

    @Override
    public PageReader getPageReader(ColumnDescriptor descriptor) {
        ColumnChunkMetaData column = columns.get(ColumnPath.get(descriptor.getPath()));
        if (column == null) {
            throw new StrataException(PartErrorCode.CORRUPT_PART, "no column chunk for " + String.join(".", descriptor.getPath()));
        }
        try {
            return new ChunkReader(descriptor, column);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long getRowCount() {
        return rowCount;
    }

    /** Reads every page of the chunk up front; record assembly pulls them in order. */
    private final class ChunkReader implements PageReader {
        private final long valueCount;
        private final DictionaryPage dictionary;
        private final java.util.ArrayDeque<DataPage> dataPages = new java.util.ArrayDeque<>();

        ChunkReader(ColumnDescriptor descriptor, ColumnChunkMetaData column) throws IOException {
            valueCount = column.getValueCount();
            pages.open(channel, column);
            DictionaryPage dictionaryPage = null;
            while (pages.next()) {
                Encoding encoding = Encoding.valueOf(pages.encoding().name());
                if (pages.pageType() == PageType.DICTIONARY_PAGE) {
                    dictionaryPage = new DictionaryPage(BytesInput.from(pages.copyData()), pages.valueCount(),
                            encoding == Encoding.PLAIN ? Encoding.PLAIN_DICTIONARY : encoding);
                } else {
                    dataPages.add(DataPageV2.uncompressed(pages.rowCount(), pages.nullCount(), pages.valueCount(),
                            BytesInput.from(pages.copyRepetitionLevels()), BytesInput.from(pages.copyDefinitionLevels()),
                            encoding, BytesInput.from(pages.copyData()),
                            Statistics.getBuilderForReading(descriptor.getPrimitiveType()).build()));
                }
            }
            dictionary = dictionaryPage;
        }

        @Override
        public DictionaryPage readDictionaryPage() {
            return dictionary;
        }

        @Override
        public long getTotalValueCount() {
            return valueCount;
        }

        @Override
        public DataPage readPage() {
            return dataPages.poll();
        }
    }
}
