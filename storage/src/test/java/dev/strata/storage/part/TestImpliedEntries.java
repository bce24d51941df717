package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.parquet.ImpliedEntries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Trace and span ids stored once in {@code logs} parts (decision 0028), read back as sent. */
class TestImpliedEntries {
    private static final int METADATA = 4;
    private static final int TRACE_ID = 5;
    private static final int SPAN_ID = 6;

    @TempDir
    Path dataDir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void idsEqualToTheirColumnAreStoredAsNullValues() throws Exception {
        List<List<Object>> rows = PartFixtures.rows("logs");
        PartMeta meta = PartFiles.write(dataDir, "logs", "t1", "01JIMPLIED", rows, PartWriterConfig.DEFAULT.withRowGroupRows(700));
        long implied = 0;
        long kept = 0;
        for (List<Object> row : rows) {
            Map<?, ?> metadata = (Map<?, ?>) row.get(METADATA);
            implied += metadata.containsKey("trace_id") && Objects.equals(metadata.get("trace_id"), row.get(TRACE_ID)) ? 1 : 0;
            implied += metadata.containsKey("span_id") && Objects.equals(metadata.get("span_id"), row.get(SPAN_ID)) ? 1 : 0;
            kept += metadata.containsKey("trace_id") && !Objects.equals(metadata.get("trace_id"), row.get(TRACE_ID)) ? 1 : 0;
        }
        assertThat(implied).isGreaterThan(100);
        assertThat(kept).isGreaterThan(100);

        String file = dataDir.resolve(meta.relativePath()).toString();
        try (DuckDbOracle duck = new DuckDbOracle()) {
            List<List<Object>> nulls = duck.query("SELECT count(*) FILTER (WHERE e.value IS NULL), count(*) FILTER (WHERE e.value IS NOT NULL "
                    + "AND e.key IN ('trace_id', 'span_id')) FROM (SELECT unnest(map_entries(metadata)) AS e FROM read_parquet('" + file + "'))");
            // every equal id is a null value, every other id entry is stored as sent
            assertThat(nulls.get(0)).containsExactly(implied, kept + countSpanIdsKept(rows));
            List<List<Object>> keyValues = duck.query("SELECT decode(value) FROM parquet_kv_metadata('" + file + "') "
                    + "WHERE decode(key) = '" + ImpliedEntries.KEY + "'");
            assertThat(keyValues).containsExactly(List.of("metadata[trace_id]=trace_id;metadata[span_id]=span_id"));
        }
    }

    @ParameterizedTest
    @CsvSource({"VECTORIZED", "RECORD"})
    void metadataReadsAsSentWithOrWithoutTheIdColumns(ParquetPartReader.ReadPath path) throws Exception {
        List<List<Object>> rows = PartFixtures.rows("logs");
        PartMeta meta = PartFiles.write(dataDir, "logs", "t1", "01JIMPLIED", rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(900).withPages(1 << 20, 97));
        ParquetPartReader reader = new ParquetPartReader(path);

        assertThat(readAll(reader, meta, List.of("metadata"))).isEqualTo(column(rows, METADATA));
        List<List<Object>> withSpan = readAll(reader, meta, List.of("span_id", "metadata"));
        for (int i = 0; i < rows.size(); i++) {
            assertThat(withSpan.get(i)).as("row %d", i).containsExactly(rows.get(i).get(SPAN_ID), rows.get(i).get(METADATA));
        }
        assertThat(readAll(reader, meta, List.of("trace_id"))).isEqualTo(column(rows, TRACE_ID));
    }

    @Test
    void partsOfThePreviousLayoutReadUnchanged() throws Exception {
        List<List<Object>> rows = PartFixtures.rows("logs");
        // the record path writes every value, as every writer did before decision 0028
        PartMeta meta = PartFiles.write(dataDir, "logs", "t1", "01JOLDLAYOUT", rows,
                PartWriterConfig.DEFAULT.withWritePath(PartWriterConfig.WritePath.RECORD));
        String file = dataDir.resolve(meta.relativePath()).toString();
        try (DuckDbOracle duck = new DuckDbOracle()) {
            assertThat(duck.query("SELECT count(*) FROM parquet_kv_metadata('" + file + "') WHERE decode(key) = '"
                    + ImpliedEntries.KEY + "'")).containsExactly(List.of(0L));
            assertThat(duck.query("SELECT count(*) FROM (SELECT unnest(map_entries(metadata)) AS e FROM read_parquet('" + file
                    + "')) WHERE e.value IS NULL")).containsExactly(List.of(0L));
        }
        assertThat(readAll(new ParquetPartReader(), meta, List.of("metadata"))).isEqualTo(column(rows, METADATA));
    }

    private static long countSpanIdsKept(List<List<Object>> rows) {
        long kept = 0;
        for (List<Object> row : rows) {
            Map<?, ?> metadata = (Map<?, ?>) row.get(METADATA);
            kept += metadata.containsKey("span_id") && !Objects.equals(metadata.get("span_id"), row.get(SPAN_ID)) ? 1 : 0;
        }
        return kept;
    }

    private static List<List<Object>> column(List<List<Object>> rows, int column) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            List<Object> one = new ArrayList<>();
            one.add(row.get(column));
            out.add(one);
        }
        return out;
    }

    private List<List<Object>> readAll(ParquetPartReader reader, PartMeta meta, List<String> columns) {
        List<List<Object>> out = new ArrayList<>();
        try (BatchReader batches = reader.open(dataDir.resolve(meta.relativePath()), meta, columns, TimeRange.ALL, null, allocator)) {
            assertThat(batches.root().getSchema()).isEqualTo(StoredSchemas.project("logs", columns));
            while (batches.loadNext()) {
                out.addAll(ArrowRows.fromRoot(batches.root()));
            }
        }
        return out;
    }
}
