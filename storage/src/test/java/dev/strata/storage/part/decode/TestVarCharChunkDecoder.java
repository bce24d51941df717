package dev.strata.storage.part.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Top-level text columns, required and optional, decoded straight into Arrow against parquet-java's
 * reading of the same file: dictionary pages, the DELTA_BYTE_ARRAY fallback after a dictionary
 * overflows mid-chunk, DELTA_BYTE_ARRAY throughout, pages from a few rows to a whole row group.
 */
class TestVarCharChunkDecoder {
    /** Slices that cut pages (7 to 5,000 rows) anywhere. */
    static final int[] SLICES = {1, 3, 64, 333, 100_000};

    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @ParameterizedTest(name = "pages of {0} rows, dictionary {1} bytes")
    @CsvSource({
            // pageRows, dictionaryBytes, expected encodings of req
            "7, 1048576, RLE_DICTIONARY",
            "1000, 2048, RLE_DICTIONARY DELTA_BYTE_ARRAY",
            "97, 2048, RLE_DICTIONARY DELTA_BYTE_ARRAY",
            "5000, 0, DELTA_BYTE_ARRAY",
            "13, 0, DELTA_BYTE_ARRAY"})
    void decodesWhatParquetJavaReads(int pageRows, int dictionaryBytes, String encodings) throws Exception {
        List<TextColumnFiles.Row> rows = TextColumnFiles.rows(5_000, 4, pageRows * 31L + dictionaryBytes);
        if (dictionaryBytes == 1048576) {
            // a dictionary that never overflows: only the low-cardinality half
            rows = rows.subList(0, 2_500);
        }
        Path file = dir.resolve("text.parquet");
        TextColumnFiles.write(file, rows, 1_700, pageRows, dictionaryBytes, allocator);
        List<List<TextColumnFiles.Row>> expected = TextColumnFiles.readWithParquetJava(file);
        assertThat(expected.stream().flatMap(List::stream).toList()).isEqualTo(rows);

        ParquetMetadata footer = TextColumnFiles.footer(file);
        MessageType schema = footer.getFileMetaData().getSchema();
        Set<Encoding> seen = EnumSet.noneOf(Encoding.class);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                VarCharChunkDecoder req = new VarCharChunkDecoder(schema.getType("req"));
                VarCharChunkDecoder opt = new VarCharChunkDecoder(schema.getType("opt"));
                VarCharVector reqVector = new VarCharVector("req", FieldType.notNullable(ArrowType.Utf8.INSTANCE), allocator);
                VarCharVector optVector = new VarCharVector("opt", FieldType.nullable(ArrowType.Utf8.INSTANCE), allocator)) {
            for (int g = 0; g < footer.getBlocks().size(); g++) {
                BlockMetaData block = footer.getBlocks().get(g);
                int count = Math.toIntExact(block.getRowCount());
                Map<ColumnPath, ColumnChunkMetaData> chunks = TextColumnFiles.chunks(block);
                ColumnChunkMetaData reqChunk = chunks.get(ColumnPath.get("req"));
                assertThat(VarCharChunkDecoder.supports(schema.getType("req"), reqChunk)).isTrue();
                assertThat(VarCharChunkDecoder.supports(schema.getType("opt"), chunks.get(ColumnPath.get("opt")))).isTrue();
                seen.addAll(reqChunk.getEncodings());
                List<String> reqValues = new ArrayList<>();
                List<String> optValues = new ArrayList<>();
                for (TextColumnFiles.Row row : expected.get(g)) {
                    reqValues.add(row.req());
                    optValues.add(row.opt());
                }
                req.decode(channel, reqChunk, count, reqVector);
                opt.decode(channel, chunks.get(ColumnPath.get("opt")), count, optVector);
                assertThat(strings(reqVector)).as("req, row group %d", g).isEqualTo(reqValues);
                assertThat(strings(optVector)).as("opt, row group %d", g).isEqualTo(optValues);
                for (int slice : SLICES) {
                    assertThat(inSlices(req, channel, reqChunk, count, slice, reqVector)).as("req, slices of %d", slice)
                            .isEqualTo(reqValues);
                    assertThat(inSlices(opt, channel, chunks.get(ColumnPath.get("opt")), count, slice, optVector))
                            .as("opt, slices of %d", slice).isEqualTo(optValues);
                    for (int maxEntries : new int[] {1, 1 << 20}) {
                        // a dictionary too large to share gives every value its own entry
                        assertThat(inSlicesAsIds(req, channel, reqChunk, count, slice, reqVector, maxEntries))
                                .as("req in dictionary form, slices of %d, at most %d shared", slice, maxEntries).isEqualTo(reqValues);
                        assertThat(inSlicesAsIds(opt, channel, chunks.get(ColumnPath.get("opt")), count, slice, optVector, maxEntries))
                                .as("opt in dictionary form, slices of %d, at most %d shared", slice, maxEntries).isEqualTo(optValues);
                    }
                }
            }
        }
        for (String encoding : encodings.split(" ")) {
            assertThat(seen).as("encodings of req").contains(Encoding.valueOf(encoding));
        }
    }

    /**
     * Reads a chunk {@code slice} rows at a time, each slice into a vector that is reused; every
     * other slice is appended after the previous one (as a batch spanning two row groups is).
     */
    private static List<String> inSlices(VarCharChunkDecoder decoder, FileChannel channel, ColumnChunkMetaData chunk, int rows,
            int slice, VarCharVector vector) throws Exception {
        List<String> values = new ArrayList<>();
        decoder.start(channel, chunk, rows);
        int done = 0;
        boolean append = false;
        int held = 0;
        while (done < rows) {
            int n = Math.min(slice, rows - done);
            decoder.next(n, vector, append ? held : 0);
            held = append ? held + n : n;
            vector.setValueCount(held);
            List<String> all = strings(vector);
            values.addAll(all.subList(held - n, held));
            done += n;
            append = !append;
        }
        decoder.finish();
        return values;
    }

    /** Like {@link #inSlices} in dictionary form: each row's value is looked up through its id. */
    private static List<String> inSlicesAsIds(VarCharChunkDecoder decoder, FileChannel channel, ColumnChunkMetaData chunk, int rows,
            int slice, VarCharVector vector, int maxEntries) throws Exception {
        List<String> values = new ArrayList<>();
        decoder.start(channel, chunk, rows);
        int[] ids = new int[2 * slice];
        int done = 0;
        boolean append = false;
        int held = 0;
        while (done < rows) {
            int n = Math.min(slice, rows - done);
            int entries = decoder.nextIds(n, vector, ids, append ? held : 0, maxEntries);
            held = append ? held + n : n;
            assertThat(vector.getValueCount()).isEqualTo(entries);
            List<String> dictionary = strings(vector);
            for (int i = held - n; i < held; i++) {
                values.add(dictionary.get(ids[i]));
            }
            done += n;
            append = !append;
        }
        decoder.finish();
        return values;
    }

    static List<String> strings(VarCharVector vector) {
        List<String> values = new ArrayList<>(vector.getValueCount());
        for (int i = 0; i < vector.getValueCount(); i++) {
            values.add(vector.isNull(i) ? null : new String(vector.get(i), StandardCharsets.UTF_8));
        }
        return values;
    }
}
