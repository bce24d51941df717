package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

/**
 * How parts are laid out. The defaults ({@link #DEFAULT}) are the measured choice of
 * docs/decisions/0003-part-encodings.md; the other values exist to repeat that measurement.
 *
 * @param zstdLevel ZSTD level of parts sealed from the head (level 0: written on the ingest path)
 * @param compactedZstdLevel ZSTD level of compacted parts (level 1 and up: written in the background,
 *     read many times, so a slower level pays)
 * @param rowGroupRows most rows per row group (DuckDB and our reader parallelise per row group)
 * @param sampleRowGroupBytes buffered-size limit of a {@code samples}/{@code series} row group
 * @param wideRowGroupBytes buffered-size limit of a {@code logs}/{@code spans} row group, whose rows
 *     are wide, so a row group stays a bounded amount of memory to decode
 * @param pageBytes target page size before compression
 * @param pageRows most rows per page
 * @param samplePageRows most rows per page of {@code samples}: small pages let a reader skip the pages
 *     of series it does not want without decompressing them (decision 0017)
 * @param dictionaryPageBytes largest dictionary before a column falls back to its plain encoding
 * @param valueEncoding encoding of {@code samples.value}
 * @param lineEncoding encoding of {@code logs.line}
 * @param writePath how rows reach parquet-java for tables of a flat schema ({@code samples})
 */
public record PartWriterConfig(
        int zstdLevel,
        int compactedZstdLevel,
        int rowGroupRows,
        long sampleRowGroupBytes,
        long wideRowGroupBytes,
        int pageBytes,
        int pageRows,
        int samplePageRows,
        int dictionaryPageBytes,
        ValueEncoding valueEncoding,
        LineEncoding lineEncoding,
        WritePath writePath) {

    /**
     * As large as other tables' pages: 16 Ki-row pages halved a 40-series fetch's CPU but made parts
     * 9 % larger, past the 0.7 bytes/sample budget (decision 0017).
     */
    private static final int SAMPLE_PAGE_ROWS = 1 << 20;

    public static final PartWriterConfig DEFAULT = new PartWriterConfig(
            3, 9, 1 << 20, 128L << 20, 32L << 20, 8 << 20, 1 << 20, SAMPLE_PAGE_ROWS, 1 << 20,
            ValueEncoding.DECIMAL_SPLIT, LineEncoding.DELTA_BYTE_ARRAY, WritePath.COLUMNAR);

    /** The ZSTD level for a part of compaction level {@code level}. */
    public int zstdLevelFor(int level) {
        return level == 0 ? zstdLevel : compactedZstdLevel;
    }

    public PartWriterConfig {
        requireNonNull(valueEncoding, "valueEncoding is null");
        requireNonNull(lineEncoding, "lineEncoding is null");
        requireNonNull(writePath, "writePath is null");
        if (rowGroupRows <= 0 || pageRows <= 0 || samplePageRows <= 0 || pageBytes <= 0) {
            throw new IllegalArgumentException("row group and page limits must be positive");
        }
    }

    public PartWriterConfig withValueEncoding(ValueEncoding encoding) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                samplePageRows, dictionaryPageBytes, encoding, lineEncoding, writePath);
    }

    public PartWriterConfig withLineEncoding(LineEncoding encoding) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                samplePageRows, dictionaryPageBytes, valueEncoding, encoding, writePath);
    }

    /** The same ZSTD level for every part, sealed or compacted. */
    public PartWriterConfig withZstdLevel(int level) {
        return new PartWriterConfig(level, level, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                samplePageRows, dictionaryPageBytes, valueEncoding, lineEncoding, writePath);
    }

    public PartWriterConfig withPages(int bytes, int rows) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, bytes, rows,
                samplePageRows, dictionaryPageBytes, valueEncoding, lineEncoding, writePath);
    }

    /** At most {@code rows} rows per page of {@code samples} (still bounded by {@link #pageRows}). */
    public PartWriterConfig withSamplePageRows(int rows) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                rows, dictionaryPageBytes, valueEncoding, lineEncoding, writePath);
    }

    public PartWriterConfig withRowGroupRows(int rows) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                samplePageRows, dictionaryPageBytes, valueEncoding, lineEncoding, writePath);
    }

    public PartWriterConfig withWritePath(WritePath path) {
        return new PartWriterConfig(zstdLevel, compactedZstdLevel, rowGroupRows, sampleRowGroupBytes, wideRowGroupBytes, pageBytes, pageRows,
                samplePageRows, dictionaryPageBytes, valueEncoding, lineEncoding, path);
    }

    /** How rows are handed to parquet-java; both write the same file (decision 0015). */
    public enum WritePath {
        /** parquet-java's record-at-a-time path (every table). */
        RECORD,
        /** A column at a time through the low-level column writers, for flat schemas; others use RECORD. */
        COLUMNAR
    }

    /** Encodings measured for the double {@code value} column (all under ZSTD). */
    public enum ValueEncoding {
        /** RLE_DICTIONARY, falling back to PLAIN when the dictionary outgrows its page. */
        DICTIONARY,
        PLAIN,
        /** BYTE_STREAM_SPLIT: byte planes, so ZSTD sees the slowly changing high bytes together. */
        BYTE_STREAM_SPLIT,
        /**
         * Decimal values as a nullable INT64 mantissa {@code value_int} (DELTA_BINARY_PACKED) over
         * a power-of-ten {@code value_div} (dictionary), the rest in a nullable BYTE_STREAM_SPLIT
         * {@code value} (decision 0015, {@code SampleValues}).
         */
        DECIMAL_SPLIT
    }

    /** Encodings measured for log lines. */
    public enum LineEncoding {
        DICTIONARY,
        DELTA_BYTE_ARRAY
    }
}
