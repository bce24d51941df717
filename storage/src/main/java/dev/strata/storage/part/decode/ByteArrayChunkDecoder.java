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
 * Decodes one BYTE_ARRAY leaf column chunk (v2 pages) into a {@link VarCharVector}, a slice of rows
 * at a time ({@link #start}, {@link #next}, {@link #finish}), resuming mid-page: levels with
 * {@link LevelAndLengthDecoding}, values with {@link ByteArrayPageValues}. The leaf may sit at the
 * top level (a row per level entry) or inside a map (a slot per entry, a row starting at each
 * repetition level 0; v2 pages start at row boundaries): each level entry whose definition level
 * reaches {@code slotLevel} becomes a slot, set when it reaches {@code valueLevel}, null otherwise.
 * The levels of the last slice stay readable, for the map's offsets. Not thread-safe; one per
 * reader and leaf.
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
    private ColumnChunkMetaData column;
    private int rows;
    private int rowsRead;
    private long expectedLevels;
    private long levelsRead;
    /** The current page's levels, {@code [0, pageLevels)}; {@code pageAt} is the next unread entry. */
    private byte[] pageRepetition = new byte[0];
    private byte[] pageDefinition = new byte[0];
    private int pageLevels;
    private int pageAt;
    /** Bytes the current page's values take (at most). */
    private long pageBytes;
    /** The last slice's levels, {@code [0, sliceLevels)}, kept when asked for. */
    private byte[] sliceRepetition = new byte[0];
    private byte[] sliceDefinition = new byte[0];
    private int sliceLevels;
    /** Dictionary form: the dictionary generation copied into the current batch's vector, and where. */
    private int copiedGeneration = -1;
    private int copiedBase;
    private int nullEntry = -1;
    private int[] slotIds = new int[0];
    private int slots;

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

    /** Positions on the first row of {@code column}, a chunk of {@code rows} rows. */
    void start(FileChannel channel, ColumnChunkMetaData column, int rows) throws IOException {
        this.column = column;
        this.rows = rows;
        expectedLevels = column.getValueCount();
        if (expectedLevels < 0 || (maxRepetition == 0 && expectedLevels != rows)) {
            throw corrupt("has " + expectedLevels + " values in a row group of " + rows + " rows");
        }
        pages.open(channel, column);
        values.reset();
        rowsRead = 0;
        levelsRead = 0;
        pageLevels = 0;
        pageAt = 0;
    }

    /**
     * Decodes the next {@code n} rows into {@code vector}, replacing its contents (its buffers are
     * reused when large enough) or, when {@code append}, after the slots this decoder wrote there
     * last; keeps the levels of these rows when {@code keepLevels}. Returns the number of slots
     * the vector holds.
     */
    int next(int n, VarCharVector vector, boolean keepLevels, boolean append) throws IOException {
        if (n > rows - rowsRead) {
            throw corrupt("asked for " + (rowsRead + n) + " of " + rows + " rows");
        }
        if (append) {
            out.resume(vector);
        } else {
            out.start(vector, maxRepetition == 0 ? n : Math.max(n, 16));
        }
        if (pageAt < pageLevels) {
            // the rest of the current page, whose bytes were reserved in the previous slice's buffer
            out.reserve(pageBytes);
        }
        sliceLevels = 0;
        int done = 0;
        while (done < n) {
            if (pageAt == pageLevels) {
                nextDataPage();
                continue;
            }
            long span = pageSpan(n - done);
            int end = (int) (span >>> 32);
            int newRows = (int) span;
            int entries = end - pageAt;
            out.ensureValues(entries);
            if (maxDefinition == 0) {
                values.appendCount(out, entries);
            } else {
                appendDefined(pageAt, end);
            }
            if (keepLevels) {
                keep(pageAt, entries);
            }
            pageAt = end;
            done += newRows;
        }
        rowsRead += n;
        out.finish();
        return out.count();
    }

    /**
     * Like {@link #next} for a top-level column, but in dictionary form: {@code vector} receives
     * entries and {@code ids[at + i]} names the entry of row {@code i} of these {@code n}. The
     * chunk's dictionary page is appended once per batch when it has at most {@code maxEntries}
     * entries, and rows of its pages name those; values of other pages (or of a larger dictionary)
     * get an entry each; nulls share one. {@code at == 0} starts a batch (empties {@code vector}),
     * otherwise the entries follow those this decoder wrote there last. Returns the entries held.
     */
    int nextIds(int n, VarCharVector vector, int[] ids, int at, int maxEntries) throws IOException {
        if (maxRepetition != 0) {
            throw new IllegalStateException("dictionary form is for top-level columns");
        }
        if (n > rows - rowsRead) {
            throw corrupt("asked for " + (rowsRead + n) + " of " + rows + " rows");
        }
        if (at == 0) {
            out.start(vector, 16);
            copiedGeneration = -1;
            nullEntry = -1;
        } else {
            out.resume(vector);
        }
        if (pageAt < pageLevels) {
            out.reserve(pageBytes);
        }
        int done = 0;
        while (done < n) {
            if (pageAt == pageLevels) {
                nextDataPage();
                continue;
            }
            int take = Math.min(n - done, pageLevels - pageAt);
            boolean shared = values.dictionaryPage() && values.dictionarySize() <= maxEntries;
            if (shared && copiedGeneration != values.dictionaryGeneration()) {
                copiedBase = out.count();
                out.ensureValues(values.dictionarySize());
                out.reserve(values.dictionaryBytes());
                values.appendDictionary(out);
                copiedGeneration = values.dictionaryGeneration();
            }
            out.ensureValues(take + 1);
            byte[] levels = pageDefinition;
            int base = at + done;
            for (int i = 0; i < take; i++) {
                int id;
                if (maxDefinition > 0 && levels[pageAt + i] < valueLevel) {
                    if (nullEntry < 0) {
                        out.appendNull();
                        nullEntry = out.count() - 1;
                    }
                    id = nullEntry;
                } else if (shared) {
                    id = copiedBase + values.nextIndex();
                } else {
                    values.appendNext(out);
                    id = out.count() - 1;
                }
                ids[base + i] = id;
            }
            pageAt += take;
            done += take;
        }
        rowsRead += n;
        out.finish();
        return out.count();
    }

    /**
     * Like {@link #nextIds} for a leaf inside a map: the next {@code n} rows' slots (entries) go to
     * {@code vector} in dictionary form and {@link #slotIds()}{@code [0, }{@link #slotCount()}{@code )}
     * name each slot's entry, counted over the batch; the levels of these rows are kept when
     * {@code keepLevels}. {@code append} continues the batch, otherwise it starts one. Returns the
     * entries held.
     */
    int nextSlotIds(int n, VarCharVector vector, boolean append, boolean keepLevels, int maxEntries) throws IOException {
        if (n > rows - rowsRead) {
            throw corrupt("asked for " + (rowsRead + n) + " of " + rows + " rows");
        }
        if (!append) {
            out.start(vector, 16);
            copiedGeneration = -1;
            nullEntry = -1;
            slots = 0;
        } else {
            out.resume(vector);
        }
        if (pageAt < pageLevels) {
            out.reserve(pageBytes);
        }
        sliceLevels = 0;
        int done = 0;
        while (done < n) {
            if (pageAt == pageLevels) {
                nextDataPage();
                continue;
            }
            long span = pageSpan(n - done);
            int end = (int) (span >>> 32);
            int newRows = (int) span;
            boolean shared = values.dictionaryPage() && values.dictionarySize() <= maxEntries;
            if (shared && copiedGeneration != values.dictionaryGeneration()) {
                copiedBase = out.count();
                out.ensureValues(values.dictionarySize());
                out.reserve(values.dictionaryBytes());
                values.appendDictionary(out);
                copiedGeneration = values.dictionaryGeneration();
            }
            out.ensureValues(end - pageAt + 1);
            if (slotIds.length < slots + end - pageAt) {
                slotIds = java.util.Arrays.copyOf(slotIds, Math.max(slots + end - pageAt, slotIds.length * 2));
            }
            byte[] levels = pageDefinition;
            for (int i = pageAt; i < end; i++) {
                int level = maxDefinition == 0 ? valueLevel : levels[i];
                int id;
                if (level >= valueLevel) {
                    if (shared) {
                        id = copiedBase + values.nextIndex();
                    } else {
                        values.appendNext(out);
                        id = out.count() - 1;
                    }
                } else if (level >= slotLevel) {
                    if (nullEntry < 0) {
                        out.appendNull();
                        nullEntry = out.count() - 1;
                    }
                    id = nullEntry;
                } else {
                    continue;
                }
                slotIds[slots++] = id;
            }
            if (keepLevels) {
                keep(pageAt, end - pageAt);
            }
            pageAt = end;
            done += newRows;
        }
        rowsRead += n;
        out.finish();
        return out.count();
    }

    /** Each slot's entry, from {@link #nextSlotIds}, for the batch so far. */
    int[] slotIds() {
        return slotIds;
    }

    /** Slots of the batch so far ({@link #nextSlotIds}). */
    int slotCount() {
        return slots;
    }

    private void keep(int from, int entries) {
        if (sliceRepetition.length < sliceLevels + entries) {
            int size = Math.max(sliceLevels + entries, sliceRepetition.length * 2);
            sliceRepetition = java.util.Arrays.copyOf(sliceRepetition, size);
            sliceDefinition = java.util.Arrays.copyOf(sliceDefinition, size);
        }
        if (maxRepetition > 0) {
            System.arraycopy(pageRepetition, from, sliceRepetition, sliceLevels, entries);
        }
        if (maxDefinition > 0) {
            System.arraycopy(pageDefinition, from, sliceDefinition, sliceLevels, entries);
        }
        sliceLevels += entries;
    }

    private void appendDefined(int from, int end) {
        byte[] levels = pageDefinition;
        int slot = slotLevel;
        int value = valueLevel;
        for (int i = from; i < end; i++) {
            int level = levels[i];
            if (level >= value) {
                values.appendNext(out);
            } else if (level >= slot) {
                out.appendNull();
            }
        }
    }

    /**
     * How far this slice reads in the current page for up to {@code wanted} more rows: the level
     * index where it stops (high 32 bits) and the rows it covers (low 32 bits). A row runs from a
     * repetition level 0 to the next one, or to the page's end.
     */
    private long pageSpan(int wanted) {
        if (maxRepetition == 0) {
            int rows = Math.min(wanted, pageLevels - pageAt);
            return (long) (pageAt + rows) << 32 | rows;
        }
        byte[] repetition = pageRepetition;
        int i = pageAt;
        int counted = 0;
        for (; i < pageLevels; i++) {
            if (repetition[i] == 0) {
                if (counted == wanted) {
                    break;
                }
                counted++;
            }
        }
        return (long) i << 32 | counted;
    }

    private void nextDataPage() throws IOException {
        if (pageAt != 0) {
            values.finishPage();
        }
        while (pages.next()) {
            if (pages.pageType() == PageType.DICTIONARY_PAGE) {
                values.readDictionary(pages.data(), pages.dataOffset(), pages.dataLength(), pages.valueCount());
                continue;
            }
            int n = pages.valueCount();
            int nulls = pages.nullCount();
            if (n < 0 || nulls < 0 || nulls > n || levelsRead + n > expectedLevels) {
                throw corrupt("has a page of " + n + " values and " + nulls + " nulls past its " + expectedLevels);
            }
            if (n == 0) {
                continue;
            }
            if (pageRepetition.length < n) {
                pageRepetition = new byte[Math.max(n, pageRepetition.length * 2)];
                pageDefinition = new byte[pageRepetition.length];
            }
            if (maxRepetition > 0) {
                LevelAndLengthDecoding.levels(pages.levels(), pages.repetitionLevelsOffset(),
                        pages.repetitionLevelsOffset() + pages.repetitionLevelsLength(), 1, maxRepetition, n, pageRepetition, 0);
                if (pageRepetition[0] != 0) {
                    throw corrupt("has a page that starts inside a row");
                }
            }
            if (maxDefinition > 0) {
                int at = pages.definitionLevelsOffset();
                LevelAndLengthDecoding.levels(pages.levels(), at, at + pages.definitionLevelsLength(),
                        LevelAndLengthDecoding.bitWidth(maxDefinition), maxDefinition, n, pageDefinition, 0);
            } else if (nulls != 0) {
                throw corrupt("is required but has nulls");
            }
            byte[] data = pages.data();
            int offset = pages.dataOffset();
            pageBytes = values.startPage(pages.encoding(), data, offset, offset + pages.dataLength(), n - nulls);
            out.reserve(pageBytes);
            pageLevels = n;
            pageAt = 0;
            levelsRead += n;
            return;
        }
        throw corrupt("ends after " + rowsRead + " of " + rows + " rows");
    }

    /** Checks that the chunk held exactly the rows read. */
    void finish() throws IOException {
        if (rowsRead != rows || pageAt != pageLevels) {
            throw corrupt("holds more than " + rows + " rows");
        }
        if (pageLevels > 0) {
            values.finishPage();
        }
        while (pages.next()) {
            if (pages.pageType() != PageType.DICTIONARY_PAGE && pages.valueCount() > 0) {
                throw corrupt("holds more than " + rows + " rows");
            }
        }
        if (levelsRead != expectedLevels) {
            throw corrupt("has " + levelsRead + " values, its metadata says " + expectedLevels);
        }
    }

    /** Level entries of the last slice, when kept. */
    int levelCount() {
        return sliceLevels;
    }

    /** Repetition levels of the last slice, {@code [0, levelCount())}. */
    byte[] repetitionLevels() {
        return sliceRepetition;
    }

    /** Definition levels of the last slice, {@code [0, levelCount())}. */
    byte[] definitionLevels() {
        return sliceDefinition;
    }

    private StrataException corrupt(String message) {
        return new StrataException(PartErrorCode.CORRUPT_PART, "column " + column.getPath() + " " + message);
    }

    @Override
    public void close() {
        pages.close();
    }
}
