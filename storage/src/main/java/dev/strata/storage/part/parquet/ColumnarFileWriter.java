package dev.strata.storage.part.parquet;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a part whose fields are primitives (int64, timestamp, double, boolean, utf8) or maps of
 * utf8 to utf8 ({@code samples}, {@code series}, {@code logs}) a column at a time through parquet-java's low-level column API
 * ({@link ColumnWriteStore} over a {@link ColumnChunkPageWriteStore}, as parquet-java's own record
 * writer drives it), instead of its record-at-a-time path: no {@code RecordConsumer}, no per-field
 * bookkeeping of {@code MessageColumnIO}, one typed loop per column. Rows are written in slices of
 * {@link #SLICE_ROWS}, each slice column by column, then closed as records, so pages are cut at the
 * configured sizes give or take a slice. The file is the same Parquet as the record path writes,
 * except that map entries named by {@link ImpliedEntries} are stored with a null value when a
 * column of their row holds the same value. Not thread-safe; one per part.
 */
public final class ColumnarFileWriter implements AutoCloseable {
    /** Rows per slice: one slice of every column stays in cache while it is encoded. */
    static final int SLICE_ROWS = 4096;

    private final Schema schema;
    private final MessageType parquetSchema;
    private final ParquetProperties properties;
    private final BytesInputCompressor compressor;
    private final ParquetFileWriter file;
    private final Map<String, String> metadata;
    private final long rowGroupBytes;
    private final int rowGroupRows;
    /** A page is cut only between slices, so a slice is never longer than a page's row limit. */
    private final int sliceRows;
    private final int splitValueIndex;
    private final SampleValues.Splitter splitter = new SampleValues.Splitter();
    private ColumnChunkPageWriteStore pageStore;
    private ColumnWriteStore columnStore;
    private ColumnWriter[] writers;
    private long groupRows;
    private boolean closed;
    /** The last text value written per column and its Binary, reused while the text repeats (sorted runs). */
    private final byte[][] lastText;
    private final Binary[] lastBinary;
    private final int[] firstLeaf;
    /** Per map field: the previous row's keys and values by entry position. */
    private final TextCache[] keyCaches;
    private final TextCache[] valueCaches;
    /** Per field: the UTF-8 keys of its implied entries (map fields only; empty for others). */
    private final byte[][][] impliedKeys;
    /** Per field: the field index of the column each implied key stands for, parallel to {@link #impliedKeys}. */
    private final int[][] impliedColumns;

    /**
     * @param splitValue store the double {@code value} field split ({@link SampleValues})
     */
    public ColumnarFileWriter(OutputFile out, Schema schema, boolean splitValue, ParquetProperties properties,
            BytesInputCompressor compressor, Map<String, String> metadata, long rowGroupBytes) throws IOException {
        this(out, schema, splitValue, ImpliedEntries.NONE, properties, compressor, metadata, rowGroupBytes);
    }

    /**
     * @param splitValue store the double {@code value} field split ({@link SampleValues})
     * @param implied map entries stored as null when equal to their column (recorded in the file's metadata)
     */
    public ColumnarFileWriter(OutputFile out, Schema schema, boolean splitValue, ImpliedEntries implied, ParquetProperties properties,
            BytesInputCompressor compressor, Map<String, String> metadata, long rowGroupBytes) throws IOException {
        this.schema = requireNonNull(schema, "schema is null");
        this.properties = requireNonNull(properties, "properties is null");
        this.compressor = requireNonNull(compressor, "compressor is null");
        requireNonNull(implied, "implied is null");
        Map<String, String> fileMetadata = new HashMap<>(metadata);
        if (!implied.isEmpty()) {
            fileMetadata.put(ImpliedEntries.KEY, implied.encode());
        }
        this.metadata = Map.copyOf(fileMetadata);
        this.rowGroupBytes = rowGroupBytes;
        this.rowGroupRows = properties.getRowGroupRowCountLimit();
        this.sliceRows = Math.min(SLICE_ROWS, properties.getPageRowCountLimit());
        if (!supports(schema)) {
            throw new IllegalArgumentException("schema has fields this writer does not handle: " + schema);
        }
        MessageType plain = ParquetSchemas.toParquet(schema);
        this.parquetSchema = splitValue ? SampleValues.split(plain) : plain;
        this.splitValueIndex = splitValue ? schema.getFields().indexOf(schema.findField(SampleValues.DOUBLE_COLUMN)) : -1;
        this.file = new ParquetFileWriter(out, parquetSchema, ParquetFileWriter.Mode.OVERWRITE, rowGroupBytes, 0, null, properties);
        file.start();
        lastText = new byte[schema.getFields().size()][];
        lastBinary = new Binary[schema.getFields().size()];
        firstLeaf = new int[schema.getFields().size()];
        int leaf = 0;
        for (int f = 0; f < firstLeaf.length; f++) {
            firstLeaf[f] = leaf;
            Field field = schema.getFields().get(f);
            // a split value has three leaves, a map two (key, value), a primitive one
            leaf += f == splitValueIndex ? 3 : field.getType().getTypeID() == ArrowType.ArrowTypeID.Map ? 2 : 1;
        }
        impliedKeys = new byte[firstLeaf.length][][];
        impliedColumns = new int[firstLeaf.length][];
        keyCaches = new TextCache[firstLeaf.length];
        valueCaches = new TextCache[firstLeaf.length];
        for (int f = 0; f < firstLeaf.length; f++) {
            Field field = schema.getFields().get(f);
            impliedKeys[f] = new byte[0][];
            impliedColumns[f] = new int[0];
            keyCaches[f] = new TextCache();
            valueCaches[f] = new TextCache();
            List<ImpliedEntries.Entry> entries = implied.of(field.getName());
            if (entries.isEmpty()) {
                continue;
            }
            if (field.getType().getTypeID() != ArrowType.ArrowTypeID.Map) {
                throw new IllegalArgumentException("implied entries of " + field.getName() + ", which is not a map");
            }
            impliedKeys[f] = new byte[entries.size()][];
            impliedColumns[f] = new int[entries.size()];
            for (int i = 0; i < entries.size(); i++) {
                Field column = schema.findField(entries.get(i).column());
                if (column == null || column.getType().getTypeID() != ArrowType.ArrowTypeID.Utf8) {
                    throw new IllegalArgumentException("implied entry column " + entries.get(i).column() + " is not a text field");
                }
                impliedKeys[f][i] = entries.get(i).key().getBytes(StandardCharsets.UTF_8);
                impliedColumns[f][i] = schema.getFields().indexOf(column);
            }
        }
        startRowGroup();
    }

    /** Are the fields of {@code schema} all ones this writer handles? */
    public static boolean supports(Schema schema) {
        for (Field field : schema.getFields()) {
            switch (field.getType().getTypeID()) {
                case Int, FloatingPoint, Bool, Utf8, Timestamp -> {
                    if (!field.getChildren().isEmpty()) {
                        return false;
                    }
                }
                case Map -> {
                    List<Field> entry = field.getChildren().get(0).getChildren();
                    if (entry.size() != 2 || entry.get(0).getType().getTypeID() != ArrowType.ArrowTypeID.Utf8
                            || entry.get(1).getType().getTypeID() != ArrowType.ArrowTypeID.Utf8) {
                        return false;
                    }
                }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private void startRowGroup() {
        pageStore = new ColumnChunkPageWriteStore(compressor, parquetSchema, properties.getAllocator(),
                properties.getColumnIndexTruncateLength(), properties.getPageWriteChecksumEnabled());
        columnStore = properties.newColumnWriteStore(parquetSchema, pageStore, pageStore);
        List<ColumnDescriptor> columns = parquetSchema.getColumns();
        writers = new ColumnWriter[columns.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = columnStore.getColumnWriter(columns.get(i));
        }
        groupRows = 0;
    }

    /** Appends every row of {@code root} (the stored schema), cutting row groups at the configured limits. */
    public void write(VectorSchemaRoot root) throws IOException {
        if (!root.getSchema().equals(schema)) {
            throw new IllegalArgumentException("batch schema " + root.getSchema() + " is not the stored schema " + schema);
        }
        List<FieldVector> vectors = root.getFieldVectors();
        int rows = root.getRowCount();
        int from = 0;
        while (from < rows) {
            int take = (int) Math.min(Math.min(sliceRows, rows - from), rowGroupRows - groupRows);
            for (int f = 0; f < vectors.size(); f++) {
                writeColumn(f, vectors, from, from + take);
            }
            for (int r = 0; r < take; r++) {
                // closes the rows as records: row counts per page, page and size checks
                columnStore.endRecord();
            }
            groupRows += take;
            from += take;
            if (groupRows >= rowGroupRows || columnStore.getBufferedSize() >= rowGroupBytes) {
                flushRowGroup();
                startRowGroup();
            }
        }
    }

    /** The Parquet leaf column of Arrow field {@code f} (its first leaf for a map or a split value). */
    private int column(int f) {
        return firstLeaf[f];
    }

    private void writeColumn(int f, List<FieldVector> vectors, int from, int to) {
        FieldVector vector = vectors.get(f);
        if (f == splitValueIndex) {
            writeSplitValues((Float8Vector) vector, from, to);
            return;
        }
        ColumnWriter w = writers[column(f)];
        int defined = vector.getField().isNullable() ? 1 : 0;
        if (vector instanceof BigIntVector v) {
            for (int r = from; r < to; r++) {
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v.get(r), 0, defined);
                }
            }
        } else if (vector instanceof TimeStampVector v) {
            for (int r = from; r < to; r++) {
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v.get(r), 0, defined);
                }
            }
        } else if (vector instanceof Float8Vector v) {
            // raw bits go through unchanged (NaN payloads such as staleness markers survive)
            for (int r = from; r < to; r++) {
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v.get(r), 0, defined);
                }
            }
        } else if (vector instanceof BitVector v) {
            for (int r = from; r < to; r++) {
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                } else {
                    w.write(v.get(r) == 1, 0, defined);
                }
            }
        } else if (vector instanceof VarCharVector v) {
            for (int r = from; r < to; r++) {
                if (v.isNull(r)) {
                    w.writeNull(0, 0);
                } else {
                    w.write(text(f, v, r), 0, defined);
                }
            }
        } else if (vector instanceof MapVector v) {
            VarCharVector[] columns = new VarCharVector[impliedColumns[f].length];
            for (int i = 0; i < columns.length; i++) {
                columns[i] = (VarCharVector) vectors.get(impliedColumns[f][i]);
            }
            writeMap(f, v, w, writers[column(f) + 1], from, to, impliedKeys[f], columns);
        } else {
            throw new IllegalArgumentException("unsupported vector " + vector.getClass().getSimpleName() + " for " + vector.getName());
        }
    }

    /**
     * A {@code map<utf8, utf8>} as its two leaves {@code key_value.key} (required) and
     * {@code key_value.value} (optional): repetition level 0 for a row's first entry, 1 for the
     * others; definition levels count the optional map, the repeated group and a set value. The
     * value of an entry whose key is {@code implied[i]} is written as null when it equals the row's
     * value of {@code columns[i]} (the reader puts it back, {@link ImpliedEntries}). Keys and values
     * repeat from row to row (a stream's rows are together), so each entry position reuses the
     * previous row's Binary while the bytes are the same.
     */
    private void writeMap(int f, MapVector v, ColumnWriter keyWriter, ColumnWriter valueWriter, int from, int to, byte[][] implied,
            VarCharVector[] columns) {
        StructVector entries = (StructVector) v.getDataVector();
        VarCharVector key = (VarCharVector) entries.getChildByOrdinal(0);
        VarCharVector value = (VarCharVector) entries.getChildByOrdinal(1);
        TextCache keyCache = keyCaches[f];
        TextCache valueCache = valueCaches[f];
        int base = v.getField().isNullable() ? 1 : 0;
        for (int r = from; r < to; r++) {
            if (v.isNull(r)) {
                keyWriter.writeNull(0, 0);
                valueWriter.writeNull(0, 0);
                continue;
            }
            int start = v.getElementStartIndex(r);
            int end = v.getElementEndIndex(r);
            if (start == end) {
                keyWriter.writeNull(0, base);
                valueWriter.writeNull(0, base);
                continue;
            }
            for (int e = start; e < end; e++) {
                int repetition = e == start ? 0 : 1;
                keyWriter.write(keyCache.binary(key, e, e - start), repetition, base + 1);
                if (value.isNull(e) || implied.length > 0 && impliedBy(key, value, e, r, implied, columns)) {
                    valueWriter.writeNull(repetition, base + 1);
                } else {
                    valueWriter.write(valueCache.binary(value, e, e - start), repetition, base + 2);
                }
            }
        }
    }

    /** Is entry {@code e}'s key one of {@code keys} and its value that key's column's value at row {@code r}? */
    private static boolean impliedBy(VarCharVector key, VarCharVector value, int e, int r, byte[][] keys, VarCharVector[] columns) {
        long keyStart = key.getStartOffset(e);
        int keyLength = (int) (key.getEndOffset(e) - keyStart);
        for (int i = 0; i < keys.length; i++) {
            byte[] candidate = keys[i];
            if (candidate.length != keyLength || columns[i].isNull(r)) {
                continue;
            }
            ArrowBuf keyData = key.getDataBuffer();
            int b = 0;
            while (b < keyLength && keyData.getByte(keyStart + b) == candidate[b]) {
                b++;
            }
            if (b < keyLength) {
                continue;
            }
            VarCharVector column = columns[i];
            return ByteFunctionHelpers.equal(value.getDataBuffer(), value.getStartOffset(e), value.getEndOffset(e),
                    column.getDataBuffer(), column.getStartOffset(r), column.getEndOffset(r)) == 1;
        }
        return false;
    }

    /** The Binary of text row {@code r}: the previous one again while the bytes repeat (sorted columns repeat in runs). */
    private Binary text(int f, VarCharVector v, int r) {
        long start = v.getStartOffset(r);
        int length = (int) (v.getEndOffset(r) - start);
        byte[] last = lastText[f];
        if (last != null && last.length == length) {
            ArrowBuf data = v.getDataBuffer();
            int i = 0;
            while (i < length && data.getByte(start + i) == last[i]) {
                i++;
            }
            if (i == length) {
                return lastBinary[f];
            }
        }
        byte[] bytes = new byte[length];
        v.getDataBuffer().getBytes(start, bytes, 0, length);
        lastText[f] = bytes;
        lastBinary[f] = Binary.fromConstantByteArray(bytes);
        return lastBinary[f];
    }

    private void writeSplitValues(Float8Vector v, int from, int to) {
        int at = column(splitValueIndex);
        ColumnWriter doubles = writers[at];
        ColumnWriter mantissas = writers[at + 1];
        ColumnWriter divisors = writers[at + 2];
        for (int r = from; r < to; r++) {
            double value = v.get(r);
            if (splitter.split(value)) {
                mantissas.write(splitter.mantissa(), 0, 1);
                doubles.writeNull(0, 0);
            } else {
                doubles.write(value, 0, 1);
                mantissas.writeNull(0, 0);
            }
            divisors.write(splitter.divisor(), 0, 0);
        }
    }

    private void flushRowGroup() throws IOException {
        if (groupRows > 0) {
            file.startBlock(groupRows);
            columnStore.flush();
            pageStore.flushToFileWriter(file);
            file.endBlock();
        }
        columnStore.close();
        pageStore.close();
    }

    /** The footer of the finished file; only after {@link #close}. */
    public ParquetMetadata footer() {
        return file.getFooter();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        flushRowGroup();
        file.end(metadata);
    }

    /** The Binary last written at each entry position of a map leaf, reused while the bytes repeat. */
    private static final class TextCache {
        private static final int POSITIONS = 32;
        private final byte[][] bytes = new byte[POSITIONS][];
        private final Binary[] binaries = new Binary[POSITIONS];

        Binary binary(VarCharVector v, int index, int position) {
            long start = v.getStartOffset(index);
            int length = (int) (v.getEndOffset(index) - start);
            ArrowBuf data = v.getDataBuffer();
            if (position < POSITIONS) {
                byte[] last = bytes[position];
                if (last != null && last.length == length) {
                    int i = 0;
                    while (i < length && data.getByte(start + i) == last[i]) {
                        i++;
                    }
                    if (i == length) {
                        return binaries[position];
                    }
                }
            }
            byte[] copy = new byte[length];
            data.getBytes(start, copy, 0, length);
            Binary binary = Binary.fromConstantByteArray(copy);
            if (position < POSITIONS) {
                bytes[position] = copy;
                binaries[position] = binary;
            }
            return binary;
        }
    }
}
