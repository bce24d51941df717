package dev.strata.storage.part.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
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
 * MAP&lt;string, string&gt; columns decoded into a {@link MapVector} against parquet-java's reading
 * of the same file: empty maps, maps of many entries, null values, dictionary keys and values with
 * and without overflow, pages of different sizes. The vector is reused row group after row group,
 * as the batch reader does.
 */
class TestStringMapChunkDecoder {
    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @ParameterizedTest(name = "up to {0} entries, pages of {1} rows, dictionary {2} bytes")
    @CsvSource({"0, 100, 1048576", "3, 7, 1048576", "60, 50, 4096", "12, 997, 2048", "12, 64, 0", "1, 5000, 0"})
    void decodesWhatParquetJavaReads(int maxEntries, int pageRows, int dictionaryBytes) throws Exception {
        List<TextColumnFiles.Row> rows = TextColumnFiles.rows(4_000, maxEntries, maxEntries * 1_000L + pageRows);
        Path file = dir.resolve("map.parquet");
        TextColumnFiles.write(file, rows, 1_500, pageRows, dictionaryBytes, allocator);
        List<List<TextColumnFiles.Row>> expected = TextColumnFiles.readWithParquetJava(file);
        assertThat(expected.stream().flatMap(List::stream).toList()).isEqualTo(rows);

        ParquetMetadata footer = TextColumnFiles.footer(file);
        MessageType schema = footer.getFileMetaData().getSchema();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                StringMapChunkDecoder decoder = new StringMapChunkDecoder(schema.getType("m").asGroupType());
                VectorSchemaRoot root = VectorSchemaRoot.create(TextColumnFiles.SCHEMA, allocator)) {
            MapVector vector = (MapVector) root.getVector("m");
            for (int g = 0; g < footer.getBlocks().size(); g++) {
                BlockMetaData block = footer.getBlocks().get(g);
                int count = Math.toIntExact(block.getRowCount());
                Map<ColumnPath, ColumnChunkMetaData> chunks = TextColumnFiles.chunks(block);
                assertThat(StringMapChunkDecoder.supports(schema.getType("m"), chunks)).isTrue();
                decoder.decode(channel, chunks, count, vector);
                root.setRowCount(count);
                List<Map<String, String>> maps = new ArrayList<>();
                for (TextColumnFiles.Row row : expected.get(g)) {
                    maps.add(row.map());
                }
                assertThat(maps(vector)).as("row group %d", g).isEqualTo(maps);
                for (int slice : TestVarCharChunkDecoder.SLICES) {
                    assertThat(inSlices(decoder, channel, chunks, count, slice, vector)).as("slices of %d", slice).isEqualTo(maps);
                    for (int shared : new int[] {1, 1 << 20}) {
                        assertThat(inSlicesAsIds(decoder, channel, chunks, count, slice, vector, shared))
                                .as("dictionary form, slices of %d, at most %d shared", slice, shared).isEqualTo(maps);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"req", "opt"})
    void onlyMapsOfTextAreSupported(String column) throws Exception {
        Path file = dir.resolve("plain.parquet");
        TextColumnFiles.write(file, TextColumnFiles.rows(10, 2, 1), 100, 100, 1024, allocator);
        ParquetMetadata footer = TextColumnFiles.footer(file);
        assertThat(StringMapChunkDecoder.supports(footer.getFileMetaData().getSchema().getType(column),
                TextColumnFiles.chunks(footer.getBlocks().get(0)))).isFalse();
    }

    /** As {@code TestVarCharChunkDecoder.inSlices}: every other slice appended to the one before. */
    private static List<Map<String, String>> inSlices(StringMapChunkDecoder decoder, FileChannel channel,
            Map<ColumnPath, ColumnChunkMetaData> chunks, int rows, int slice, MapVector vector) throws Exception {
        List<Map<String, String>> maps = new ArrayList<>();
        decoder.start(channel, chunks, rows);
        int done = 0;
        boolean append = false;
        int held = 0;
        while (done < rows) {
            int n = Math.min(slice, rows - done);
            if (!append) {
                // room for this slice and the one appended to it
                decoder.reserve(vector, Math.min(2 * slice, 2 * rows));
            }
            decoder.next(n, vector, append ? held : 0);
            held = append ? held + n : n;
            List<Map<String, String>> all = maps(vector);
            maps.addAll(all.subList(held - n, held));
            done += n;
            append = !append;
        }
        decoder.finish();
        return maps;
    }

    /** Like {@link #inSlices} in dictionary form: each row's map is looked up through its id. */
    private static List<Map<String, String>> inSlicesAsIds(StringMapChunkDecoder decoder, FileChannel channel,
            Map<ColumnPath, ColumnChunkMetaData> chunks, int rows, int slice, MapVector vector, int shared) throws Exception {
        List<Map<String, String>> maps = new ArrayList<>();
        decoder.start(channel, chunks, rows);
        int[] ids = new int[2 * slice];
        int done = 0;
        boolean append = false;
        int held = 0;
        while (done < rows) {
            int n = Math.min(slice, rows - done);
            int entries = decoder.nextIds(n, vector, ids, append ? held : 0, shared);
            held = append ? held + n : n;
            assertThat(vector.getValueCount()).isEqualTo(entries).isLessThanOrEqualTo(held);
            List<Map<String, String>> dictionary = maps(vector);
            for (int i = held - n; i < held; i++) {
                maps.add(dictionary.get(ids[i]));
            }
            done += n;
            append = !append;
        }
        decoder.finish();
        return maps;
    }

    private static List<Map<String, String>> maps(MapVector vector) {
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
        VarCharVector values = (VarCharVector) entries.getChildByOrdinal(1);
        List<Map<String, String>> maps = new ArrayList<>();
        for (int i = 0; i < vector.getValueCount(); i++) {
            assertThat(vector.isNull(i)).as("row %d", i).isFalse();
            Map<String, String> map = new LinkedHashMap<>();
            int end = vector.getElementEndIndex(i);
            for (int e = vector.getElementStartIndex(i); e < end; e++) {
                assertThat(entries.isNull(e)).isFalse();
                map.put(new String(keys.get(e), StandardCharsets.UTF_8),
                        values.isNull(e) ? null : new String(values.get(e), StandardCharsets.UTF_8));
            }
            maps.add(map);
        }
        return maps;
    }
}
