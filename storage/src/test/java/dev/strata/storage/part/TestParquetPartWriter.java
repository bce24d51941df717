package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.table.TelemetryTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestParquetPartWriter {
    /** docs/format/logs.md: the {@code metadata} map as sent, from a part that stores ids once (decision 0028). */
    static final String LOGS_METADATA = "map_from_entries(list_transform(map_entries(metadata), lambda e: {'key': e.key, "
            + "'value': CASE WHEN e.value IS NOT NULL THEN e.value WHEN e.key = 'trace_id' THEN trace_id "
            + "WHEN e.key = 'span_id' THEN span_id END}))";
    /** Per table: the select list that turns timestamps into integers (DuckDB hands them out as text or objects). */
    static final Map<String, String> DUCK_SELECT = Map.of(
            "samples", "series_id, metric, epoch_ms(ts), coalesce(value, value_int / value_div)",
            "series", "series_id, metric, labels, metric_type, help, unit",
            "logs", "stream_id, labels, epoch_ns(ts), line, " + TestParquetPartWriter.LOGS_METADATA + ", trace_id, span_id, level",
            "spans", "trace_id, span_id, parent_span_id, trace_state, name, kind, service_name, epoch_ns(start_ts), "
                    + "epoch_ns(end_ts), duration_ns, status_code, status_message, attributes, attributes_int, "
                    + "attributes_double, attributes_bool, resource_attributes, resource_attributes_int, "
                    + "resource_attributes_double, resource_attributes_bool, scope_name, scope_version, "
                    + "list_transform(events, lambda e: {'ts': epoch_ns(e.ts), 'name': e.name, 'attributes': e.attributes}), links");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"samples", "series", "logs", "spans"})
    void duckDbReadsExactlyTheRowsWritten(String table) throws Exception {
        List<List<Object>> rows = PartFixtures.rows(table);
        PartMeta meta = PartFiles.write(dataDir, table, "t1", "01JTEST0000000000000000001", rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(700));

        String glob = dataDir + "/parts/" + table + "/**/*.parquet";
        try (DuckDbOracle duck = new DuckDbOracle()) {
            List<List<Object>> read = duck.query("SELECT " + DUCK_SELECT.get(table) + ", tenant, CAST(day AS VARCHAR) FROM read_parquet('"
                    + glob + "', hive_partitioning=true) ORDER BY " + String.join(", ", StoredSchemas.sortOrder(table)));
            List<List<Object>> expected = new ArrayList<>();
            for (List<Object> row : rows) {
                List<Object> withPartition = new ArrayList<>(row);
                withPartition.add("t1");
                withPartition.add("2026-11-23");
                expected.add(withPartition);
            }
            assertThat(read).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(read.get(i)).as("row %d", i).isEqualTo(expected.get(i));
            }
            List<List<Object>> groups = duck.query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + glob + "')");
            assertThat((Long) groups.get(0).get(0)).isEqualTo((rows.size() + 699) / 700);
        }
        assertThat(meta.rowCount()).isEqualTo(rows.size());
        assertThat(meta.sizeBytes()).isEqualTo(Files.size(dataDir.resolve(meta.relativePath())));
        assertThat(PartIndex.sidecarOf(dataDir.resolve(meta.relativePath()))).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DECIMAL_SPLIT", "BYTE_STREAM_SPLIT"})
    void columnarAndRecordPathsWriteTheSameParquet(PartWriterConfig.ValueEncoding encoding) throws Exception {
        List<List<Object>> rows = PartFixtures.samples(40, 150, 8);
        PartWriterConfig config = PartWriterConfig.DEFAULT.withValueEncoding(encoding).withRowGroupRows(1000).withPages(1 << 20, 300);
        PartMeta columnar = PartFiles.write(dataDir.resolve("c"), "samples", "t1", "01JCOLUMNAR", rows,
                config.withWritePath(PartWriterConfig.WritePath.COLUMNAR));
        PartMeta record = PartFiles.write(dataDir.resolve("r"), "samples", "t1", "01JRECORD", rows,
                config.withWritePath(PartWriterConfig.WritePath.RECORD));
        Path columnarFile = dataDir.resolve("c").resolve(columnar.relativePath());
        Path recordFile = dataDir.resolve("r").resolve(record.relativePath());

        try (DuckDbOracle duck = new DuckDbOracle()) {
            String chunks = "SELECT row_group_id, row_group_num_rows, path_in_schema, type, num_values, encodings, compression, "
                    + "stats_min, stats_max, stats_null_count FROM parquet_metadata('%s') ORDER BY row_group_id, column_id";
            List<List<Object>> columnarChunks = duck.query(chunks.formatted(columnarFile));
            assertThat(columnarChunks).hasSize(rows.size() / 1000 * (encoding == PartWriterConfig.ValueEncoding.DECIMAL_SPLIT ? 6 : 4));
            assertThat(columnarChunks).isEqualTo(duck.query(chunks.formatted(recordFile)));
            String all = "SELECT * FROM read_parquet('%s')";
            assertThat(duck.query(all.formatted(columnarFile))).isEqualTo(duck.query(all.formatted(recordFile)));
        }
        assertThat(columnar.rowCount()).isEqualTo(record.rowCount());
        assertThat(columnar.minId()).isEqualTo(record.minId());
        assertThat(columnar.maxTimeNanos()).isEqualTo(record.maxTimeNanos());
        assertThat(PartIndex.read(PartIndex.sidecarOf(columnarFile)).rowGroups())
                .isEqualTo(PartIndex.read(PartIndex.sidecarOf(recordFile)).rowGroups());
    }

    @ParameterizedTest
    @ValueSource(strings = {"series", "logs"})
    void columnarAndRecordPathsWriteTheSameMaps(String table) throws Exception {
        List<List<Object>> rows = PartFixtures.rows(table);
        PartWriterConfig config = PartWriterConfig.DEFAULT.withRowGroupRows(300).withPages(1 << 20, 70);
        PartMeta columnar = PartFiles.write(dataDir.resolve("c"), table, "t1", "01JCOLUMNAR", rows,
                config.withWritePath(PartWriterConfig.WritePath.COLUMNAR));
        PartMeta record = PartFiles.write(dataDir.resolve("r"), table, "t1", "01JRECORD", rows,
                config.withWritePath(PartWriterConfig.WritePath.RECORD));
        Path columnarFile = dataDir.resolve("c").resolve(columnar.relativePath());
        Path recordFile = dataDir.resolve("r").resolve(record.relativePath());

        try (DuckDbOracle duck = new DuckDbOracle()) {
            // logs.metadata values differ by design: the columnar path stores ids equal to their column as null (0028)
            String chunks = "SELECT row_group_id, row_group_num_rows, path_in_schema, type, num_values, encodings, compression, "
                    + "stats_min, stats_max, stats_null_count FROM parquet_metadata('%s') "
                    + "WHERE path_in_schema <> 'metadata, key_value, value' ORDER BY row_group_id, column_id";
            List<List<Object>> columnarChunks = duck.query(chunks.formatted(columnarFile));
            assertThat(columnarChunks).hasSizeGreaterThan(1);
            assertThat(columnarChunks).isEqualTo(duck.query(chunks.formatted(recordFile)));
            String all = "SELECT " + DUCK_SELECT.get(table) + " FROM read_parquet('%s')";
            List<List<Object>> read = duck.query(all.formatted(columnarFile));
            assertThat(read).isEqualTo(duck.query(all.formatted(recordFile)));
            assertThat(read).isEqualTo(rows);
        }
    }

    @Test
    void duckDbSeesLogicalTypes() throws Exception {
        for (String table : TelemetryTables.ALL) {
            PartFiles.write(dataDir, table, "t1", "01JTEST0000000000000000002", PartFixtures.rows(table), PartWriterConfig.DEFAULT);
        }
        try (DuckDbOracle duck = new DuckDbOracle()) {
            assertThat(duck.describe("SELECT * FROM read_parquet('" + dataDir + "/parts/samples/**/*.parquet')"))
                    .containsEntry("ts", "TIMESTAMP WITH TIME ZONE").containsEntry("value", "DOUBLE")
                    .containsEntry("value_int", "BIGINT").containsEntry("value_div", "DOUBLE")
                    .doesNotContainKey("labels");
            assertThat(duck.describe("SELECT * FROM read_parquet('" + dataDir + "/parts/logs/**/*.parquet')"))
                    .containsEntry("ts", "TIMESTAMPTZ_NS").containsEntry("metadata", "MAP(VARCHAR, VARCHAR)");
            assertThat(duck.describe("SELECT * FROM read_parquet('" + dataDir + "/parts/spans/**/*.parquet')"))
                    .containsEntry("attributes_bool", "MAP(VARCHAR, BOOLEAN)")
                    .containsEntry("links", "STRUCT(trace_id VARCHAR, span_id VARCHAR, trace_state VARCHAR, "
                            + "attributes MAP(VARCHAR, VARCHAR))[]");
        }
    }

    @Test
    void metaAndSidecarDescribeTheRows() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(10, 100, 5);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JTEST0000000000000000003", rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(300));
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        for (List<Object> row : rows) {
            minTime = Math.min(minTime, (Long) row.get(2) * 1_000_000);
            maxTime = Math.max(maxTime, (Long) row.get(2) * 1_000_000);
        }
        assertThat(meta.minTimeNanos()).isEqualTo(minTime);
        assertThat(meta.maxTimeNanos()).isEqualTo(maxTime);
        assertThat(meta.minId()).isEqualTo(rows.stream().mapToLong(r -> (Long) r.get(0)).min().orElseThrow());
        assertThat(meta.maxId()).isEqualTo(rows.stream().mapToLong(r -> (Long) r.get(0)).max().orElseThrow());

        PartIndex index = PartIndex.read(PartIndex.sidecarOf(dataDir.resolve(meta.relativePath())));
        assertThat(index.rowGroups()).hasSize(4);
        for (RowGroupIndex group : index.rowGroups()) {
            List<List<Object>> slice = rows.subList((int) group.firstRow(), (int) (group.firstRow() + group.rowCount()));
            assertThat(group.ids()).containsExactly(slice.stream().mapToLong(r -> (Long) r.get(0)).distinct().sorted().toArray());
            assertThat(group.minTimeNanos()).isEqualTo(slice.stream().mapToLong(r -> (Long) r.get(2)).min().orElseThrow() * 1_000_000);
            assertThat(group.maxTimeNanos()).isEqualTo(slice.stream().mapToLong(r -> (Long) r.get(2)).max().orElseThrow() * 1_000_000);
        }
    }

    @Test
    void failedWriteLeavesNoFiles() throws Exception {
        Path file = dataDir.resolve("parts/samples/tenant=t1/day=2026-11-23/01JBROKEN.parquet");
        try (BufferAllocator allocator = new RootAllocator();
                VectorSchemaRoot wrong = VectorSchemaRoot.create(StoredSchemas.LOGS, allocator)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ParquetPartWriter(PartWriterConfig.DEFAULT)
                    .write(new PartSpec("01JBROKEN", "samples", "t1", "x", 0), List.of(wrong).iterator(), file))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(file).doesNotExist();
        assertThat(PartIndex.sidecarOf(file)).doesNotExist();
    }
}
