package dev.strata.storage.part.decode;

import static java.util.Objects.requireNonNull;

import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageType;

/**
 * One column chunk with every page's header fields, levels and decompressed values, so that a
 * later read of the chunk touches neither the file nor the decompressor (decision 0024). Built by
 * {@link ColumnChunkPages#capture}; immutable (readers never write into the arrays, which keep
 * {@link ColumnChunkPages#SLACK} spare bytes past the values).
 */
public final class CachedChunk {
    private final Page[] pages;
    private final long bytes;

    CachedChunk(Page[] pages) {
        this.pages = requireNonNull(pages, "pages is null");
        long total = 64;
        for (Page page : pages) {
            total += 64 + page.levels.length + page.data.length;
        }
        this.bytes = total;
    }

    int pageCount() {
        return pages.length;
    }

    Page page(int i) {
        return pages[i];
    }

    /** Heap bytes the chunk holds, about. */
    public long bytes() {
        return bytes;
    }

    /** One page: its header's fields, its v2 levels (repetition then definition) and its values. */
    static final class Page {
        final int headerPosition;
        final PageType type;
        final Encoding encoding;
        final int valueCount;
        final int nullCount;
        final int rowCount;
        final int repetitionLevelsLength;
        final int definitionLevelsLength;
        final byte[] levels;
        final byte[] data;
        final int dataLength;

        Page(int headerPosition, PageType type, Encoding encoding, int valueCount, int nullCount, int rowCount,
                int repetitionLevelsLength, int definitionLevelsLength, byte[] levels, byte[] data, int dataLength) {
            this.headerPosition = headerPosition;
            this.type = requireNonNull(type, "type is null");
            this.encoding = requireNonNull(encoding, "encoding is null");
            this.valueCount = valueCount;
            this.nullCount = nullCount;
            this.rowCount = rowCount;
            this.repetitionLevelsLength = repetitionLevelsLength;
            this.definitionLevelsLength = definitionLevelsLength;
            this.levels = requireNonNull(levels, "levels is null");
            this.data = requireNonNull(data, "data is null");
            this.dataLength = dataLength;
        }
    }
}
