package dev.strata.storage.part.decode;

import dev.strata.storage.part.parquet.ColumnarFileWriter;
import dev.strata.storage.part.parquet.FileOutput;
import dev.strata.storage.part.parquet.ZstdCodecFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.schema.MessageType;

/**
 * Test files of text columns ({@code req} utf8 not null, {@code opt} utf8 nullable, {@code m}
 * map&lt;utf8, utf8 nullable&gt;) written by the store's {@link ColumnarFileWriter} with chosen page
 * and dictionary limits, random rows to write, and parquet-java's own reading of a file (its
 * page reader, value readers and record assembly) as the truth to compare with.
 */
final class TextColumnFiles {
    static final Schema SCHEMA = new Schema(List.of(
            new Field("req", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
            new Field("opt", FieldType.nullable(ArrowType.Utf8.INSTANCE), null),
            new Field("m", FieldType.notNullable(new ArrowType.Map(true)), List.of(
                    new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
                            new Field("key", FieldType.notNullable(ArrowType.Utf8.INSTANCE), null),
                            new Field("value", FieldType.nullable(ArrowType.Utf8.INSTANCE), null)))))));

    private static final String[] PIECES = {"", "a", "level=info", "é", "漢字", "🙂", "timeout", "/api/v1/items/", " ", "ünïcödé"};

    /** One row: a map value of null stands for a null entry value. */
    record Row(String req, String opt, Map<String, String> map) {}

    private TextColumnFiles() {}

    /**
     * Random rows: text with shared prefixes, empty strings and multi-byte UTF-8; about a fifth of
     * {@code opt} null; maps from empty to {@code maxEntries} entries, some values null. The first
     * half repeats few distinct values (dictionary-friendly), the second half is mostly distinct,
     * so a small dictionary page overflows mid-chunk.
     */
    static List<Row> rows(int count, int maxEntries, long seed) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean distinct = i >= count / 2;
            String req = text(random, distinct);
            String opt = random.nextInt(5) == 0 ? null : text(random, distinct);
            Map<String, String> map = new TreeMap<>();
            int entries = random.nextInt(4) == 0 ? 0 : random.nextInt(maxEntries + 1);
            for (int e = 0; e < entries; e++) {
                map.put("k" + (distinct ? random.nextInt(1000) : random.nextInt(5)) + PIECES[random.nextInt(PIECES.length)],
                        random.nextInt(7) == 0 ? null : text(random, distinct));
            }
            rows.add(new Row(req, opt, map));
        }
        return rows;
    }

    private static String text(Random random, boolean distinct) {
        if (!distinct) {
            return PIECES[random.nextInt(PIECES.length)] + random.nextInt(3);
        }
        StringBuilder s = new StringBuilder(PIECES[random.nextInt(PIECES.length)]);
        int pieces = random.nextInt(6);
        for (int p = 0; p < pieces; p++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        if (random.nextInt(10) == 0) {
            s.append("x".repeat(random.nextInt(400)));
        }
        return random.nextInt(8) == 0 ? "" : s.append(random.nextInt(100_000)).toString();
    }

    /**
     * Writes {@code rows} to {@code file} in row groups of {@code rowGroupRows}, pages of at most
     * {@code pageRows} rows, dictionaries of at most {@code dictionaryBytes} bytes ({@code 0}: no
     * dictionary, so text is DELTA_BYTE_ARRAY throughout).
     */
    static void write(Path file, List<Row> rows, int rowGroupRows, int pageRows, int dictionaryBytes, BufferAllocator allocator)
            throws IOException {
        ParquetProperties properties = ParquetProperties.builder()
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .withRowGroupRowCountLimit(rowGroupRows)
                .withPageRowCountLimit(pageRows)
                .withPageSize(1 << 20)
                .withDictionaryEncoding(dictionaryBytes > 0)
                .withDictionaryPageSize(Math.max(dictionaryBytes, 64))
                .build();
        ZstdCodecFactory codecs = new ZstdCodecFactory(1);
        try (VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
                ColumnarFileWriter writer = new ColumnarFileWriter(new FileOutput(file), SCHEMA, false, properties,
                        codecs.getCompressor(CompressionCodecName.ZSTD), Map.of(), 1L << 30)) {
            // two batches, so the writer crosses a batch boundary
            int half = rows.size() / 2;
            fill(root, rows.subList(0, half));
            writer.write(root);
            fill(root, rows.subList(half, rows.size()));
            writer.write(root);
        } finally {
            codecs.release();
        }
    }

    private static void fill(VectorSchemaRoot root, List<Row> rows) {
        root.clear();
        root.allocateNew();
        VarCharVector req = (VarCharVector) root.getVector("req");
        VarCharVector opt = (VarCharVector) root.getVector("opt");
        MapVector map = (MapVector) root.getVector("m");
        StructVector entries = (StructVector) map.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChildByOrdinal(0);
        VarCharVector values = (VarCharVector) entries.getChildByOrdinal(1);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            req.setSafe(i, row.req().getBytes(StandardCharsets.UTF_8));
            if (row.opt() == null) {
                opt.setNull(i);
            } else {
                opt.setSafe(i, row.opt().getBytes(StandardCharsets.UTF_8));
            }
            int at = map.startNewValue(i);
            for (Map.Entry<String, String> entry : row.map().entrySet()) {
                entries.setIndexDefined(at);
                keys.setSafe(at, entry.getKey().getBytes(StandardCharsets.UTF_8));
                if (entry.getValue() == null) {
                    values.setNull(at);
                } else {
                    values.setSafe(at, entry.getValue().getBytes(StandardCharsets.UTF_8));
                }
                at++;
            }
            map.endValue(i, row.map().size());
        }
        root.setRowCount(rows.size());
    }

    /** The file's footer, parsed by parquet-java. */
    static ParquetMetadata footer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return new ParquetMetadataConverter().fromParquetMetadata(
                Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length)));
    }

    static Map<ColumnPath, ColumnChunkMetaData> chunks(BlockMetaData block) {
        Map<ColumnPath, ColumnChunkMetaData> chunks = new HashMap<>();
        for (ColumnChunkMetaData column : block.getColumns()) {
            chunks.put(column.getPath(), column);
        }
        return chunks;
    }

    /**
     * The file's rows as parquet-java reads them, row group by row group: its value readers and
     * record assembly (example {@link Group}s), over the pages {@link RecordPathPages} hands it.
     */
    static List<List<Row>> readWithParquetJava(Path file) throws IOException {
        ParquetMetadata footer = footer(file);
        MessageType schema = footer.getFileMetaData().getSchema();
        List<List<Row>> groups = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ColumnChunkPages scratch = new ColumnChunkPages()) {
            for (BlockMetaData block : footer.getBlocks()) {
                PageReadStore pages = new RecordPathPages(channel, chunks(block), block.getRowCount(), scratch);
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema).getRecordReader(pages,
                        new GroupRecordConverter(schema));
                List<Row> rows = new ArrayList<>();
                for (long r = 0; r < block.getRowCount(); r++) {
                    Group g = records.read();
                    String opt = g.getFieldRepetitionCount("opt") == 0 ? null : g.getString("opt", 0);
                    Map<String, String> map = new TreeMap<>();
                    Group m = g.getGroup("m", 0);
                    for (int e = 0; e < m.getFieldRepetitionCount("key_value"); e++) {
                        Group entry = m.getGroup("key_value", e);
                        map.put(entry.getString("key", 0),
                                entry.getFieldRepetitionCount("value") == 0 ? null : entry.getString("value", 0));
                    }
                    rows.add(new Row(g.getString("req", 0), opt, map));
                }
                groups.add(rows);
            }
        }
        return groups;
    }
}
