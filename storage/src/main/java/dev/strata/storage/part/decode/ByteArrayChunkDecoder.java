package dev.strata.storage.part.decode;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.part.PartErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.Set;
import org.apache.arrow.vector.VarCharVector;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.EncodingStats;
import org.apache.parquet.format.PageType;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Decodes one BYTE_ARRAY leaf column chunk (v2 pages) into a {@link VarCharVector}, page by page:
 * levels with {@link LevelAndLengthDecoding}, values with {@link ByteArrayPageValues}. The leaf may
 * sit at the top level (a row per level) or inside a map (a slot per entry): each level entry whose
 * definition level reaches {@code slotLevel} becomes a slot, set when it reaches
 * {@code valueLevel}, null otherwise. The levels of the last chunk stay readable, for the map's
 * offsets. Not thread-safe; one per reader and leaf.
 */
final class ByteArrayChunkDecoder implements AutoCloseable {
    private static final Set<Encoding> SUPPORTED = Set.of(Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY,
            Encoding.DELTA_BYTE_ARRAY, Encoding.DELTA_LENGTH_BYTE_ARRAY,
            // level encoding, listed in the chunk's encodings
            Encoding.RLE);

    private final ColumnChunkPages pages = new ColumnChunkPages();
    private final ByteArrayPageValues values = new ByteArrayPageValues();
    private final VarCharAppender out = new VarCharAppender();
    private final int maxRepetition;
    private final int maxDefinition;
    private final int slotLevel;
    private final int valueLevel;
    private byte[] repetition = new byte[0];
    private byte[] definition = new byte[0];
    private int levelCount;

    /**
     * @param maxRepetition the leaf's maximum repetition level (0 or 1)
     * @param maxDefinition the leaf's maximum definition level
     * @param slotLevel the definition level from which a level entry is a slot of the output vector
     * @param valueLevel the definition level from which the slot holds a value (else null)
     */
    ByteArrayChunkDecoder(int maxRepetition, int maxDefinition, int slotLevel, int valueLevel) {
        if (maxRepetition < 0 || maxRepetition > 1 || maxDefinition < 0 || maxDefinition > 8 || slotLevel > valueLevel
                || valueLevel > maxDefinition) {
            throw new IllegalArgumentException("levels: repetition " + maxRepetition + ", definition " + maxDefinition + ", slot "
                    + slotLevel + ", value " + valueLevel);
        }
        this.maxRepetition = maxRepetition;
        this.maxDefinition = maxDefinition;
        this.slotLevel = slotLevel;
        this.valueLevel = valueLevel;
    }

    /** True when every page of {@code column} is a v2 page in an encoding this decoder reads. */
    static boolean supports(ColumnChunkMetaData column) {
        EncodingStats stats = column.getEncodingStats();
        return stats != null && stats.usesV2Pages() && SUPPORTED.containsAll(column.getEncodings());
    }

    /**
     * Decodes {@code column}, whose level entries number {@code column.getValueCount()}, into
     * {@code vector}, replacing its contents; returns the number of slots written.
     */
    int decode(FileChannel channel, ColumnChunkMetaData column, VarCharVector vector) throws IOException {
        long entries = column.getValueCount();
        if (entries < 0 || entries > Integer.MAX_VALUE - 8) {
            throw corrupt(column, "holds " + entries + " values");
        }
        int expected = (int) entries;
        pages.open(channel, column);
        values.reset();
        if (maxRepetition > 0 && repetition.length < expected) {
            repetition = new byte[expected];
        }
        if (maxDefinition > 0 && definition.length < expected) {
            definition = new byte[expected];
        }
        out.start(vector, expected, column.getTotalUncompressedSize());
        levelCount = 0;
        while (pages.next()) {
            if (pages.pageType() == PageType.DICTIONARY_PAGE) {
                values.readDictionary(pages.data(), pages.dataOffset(), pages.dataLength(), pages.valueCount());
                continue;
            }
            int n = pages.valueCount();
            int nulls = pages.nullCount();
            if (n < 0 || nulls < 0 || nulls > n || levelCount + (long) n > expected) {
                throw corrupt(column, "has a page of " + n + " values and " + nulls + " nulls past its " + expected);
            }
            if (maxRepetition > 0) {
                LevelAndLengthDecoding.levels(pages.levels(), pages.repetitionLevelsOffset(),
                        pages.repetitionLevelsOffset() + pages.repetitionLevelsLength(), 1, maxRepetition, n, repetition, levelCount);
            }
            if (maxDefinition > 0) {
                int at = pages.definitionLevelsOffset();
                LevelAndLengthDecoding.levels(pages.levels(), at, at + pages.definitionLevelsLength(),
                        LevelAndLengthDecoding.bitWidth(maxDefinition), maxDefinition, n, definition, levelCount);
            } else if (nulls != 0) {
                throw corrupt(column, "is required but has nulls");
            }
            byte[] data = pages.data();
            int offset = pages.dataOffset();
            out.reserve(values.startPage(pages.encoding(), data, offset, offset + pages.dataLength(), n - nulls));
            if (maxDefinition == 0) {
                out.checkRoom(n);
                values.appendAll(out);
            } else {
                appendDefined(n);
            }
            values.finishPage();
            levelCount += n;
        }
        if (levelCount != expected) {
            throw corrupt(column, "has " + levelCount + " values, its metadata says " + expected);
        }
        out.finish();
        return out.count();
    }

    private void appendDefined(int n) {
        out.checkRoom(n);
        byte[] levels = definition;
        int from = levelCount;
        int slot = slotLevel;
        int value = valueLevel;
        for (int i = from; i < from + n; i++) {
            int level = levels[i];
            if (level >= value) {
                values.appendNext(out);
            } else if (level >= slot) {
                out.appendNull();
            }
        }
    }

    /** Level entries of the last chunk decoded. */
    int levelCount() {
        return levelCount;
    }

    /** Repetition levels of the last chunk, {@code [0, levelCount())}; only when the leaf is repeated. */
    byte[] repetitionLevels() {
        return repetition;
    }

    /** Definition levels of the last chunk, {@code [0, levelCount())}; only when the leaf has any. */
    byte[] definitionLevels() {
        return definition;
    }

    private static StrataException corrupt(ColumnChunkMetaData column, String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " " + message);
    }

    @Override
    public void close() {
        pages.close();
    }
}
