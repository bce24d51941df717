package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.Float8Vector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestParquetPartReader {
    @TempDir
    Path dataDir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @ParameterizedTest
    @CsvSource({
            "samples, VECTORIZED", "samples, RECORD",
            "series, VECTORIZED", "logs, VECTORIZED", "logs, RECORD", "spans, VECTORIZED", "spans, RECORD"})
    void readsExactlyTheRowsWritten(String table, ParquetPartReader.ReadPath path) throws Exception {
        List<List<Object>> rows = PartFixtures.rows(table);
        PartMeta meta = PartFiles.write(dataDir, table, "t1", "01JREAD0000000000000000001", rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(700));
        List<String> columns = StoredSchemas.schema(table).getFields().stream().map(f -> f.getName()).toList();

        List<List<Object>> read = readAll(new ParquetPartReader(path), meta, columns, TimeRange.ALL, null);

        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i)).as("row %d", i).isEqualTo(rows.get(i));
        }
    }

    @ParameterizedTest
    @CsvSource({"samples", "series", "logs", "spans"})
    void manyPagesPerChunkReadBackExactly(String table) throws Exception {
        List<List<Object>> rows = PartFixtures.rows(table);
        PartMeta meta = PartFiles.write(dataDir, table, "t1", "01JPAGES", rows,
                PartWriterConfig.DEFAULT.withRowGroupRows(900).withPages(1 << 20, 97));
        List<String> columns = StoredSchemas.schema(table).getFields().stream().map(f -> f.getName()).toList();

        assertThat(readAll(new ParquetPartReader(), meta, columns, TimeRange.ALL, null)).isEqualTo(rows);
    }

    @ParameterizedTest
    @CsvSource({"DICTIONARY, VECTORIZED", "PLAIN, VECTORIZED", "BYTE_STREAM_SPLIT, VECTORIZED", "BYTE_STREAM_SPLIT, RECORD",
            "DECIMAL_SPLIT, VECTORIZED", "DECIMAL_SPLIT, RECORD"})
    void nanPayloadsSurviveEveryValueEncoding(PartWriterConfig.ValueEncoding encoding, ParquetPartReader.ReadPath path)
            throws Exception {
        List<List<Object>> rows = PartFixtures.samples(20, 200, 9);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JNAN" + encoding, rows,
                PartWriterConfig.DEFAULT.withValueEncoding(encoding).withRowGroupRows(1000));
        List<Long> expectedBits = new ArrayList<>();
        for (List<Object> row : rows) {
            expectedBits.add(Double.doubleToRawLongBits((Double) row.get(3)));
        }
        assertThat(expectedBits).contains(0x7ff0000000000002L, 0x7ff8000000000000L);

        List<Long> bits = new ArrayList<>();
        try (BatchReader reader = new ParquetPartReader(path).open(dataDir.resolve(meta.relativePath()), meta,
                List.of("value"), TimeRange.ALL, null, allocator)) {
            while (reader.loadNext()) {
                Float8Vector values = (Float8Vector) reader.root().getVector(0);
                for (int i = 0; i < values.getValueCount(); i++) {
                    bits.add(values.getDataBuffer().getLong((long) i * 8));
                }
            }
        }
        assertThat(bits).isEqualTo(expectedBits);
    }

    @Test
    void projectsColumnsInTheRequestedOrder() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(5, 50, 3);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JPROJ", rows, PartWriterConfig.DEFAULT);

        List<List<Object>> read = readAll(new ParquetPartReader(), meta, List.of("value", "ts", "series_id"), TimeRange.ALL, null);

        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i)).isEqualTo(List.of(rows.get(i).get(3), rows.get(i).get(2), rows.get(i).get(0)));
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void pruningSkipsRowGroupsButKeepsEveryMatchingRow(boolean withSidecar) throws Exception {
        List<List<Object>> rows = PartFixtures.samples(30, 100, 4);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JPRUNE", rows, PartWriterConfig.DEFAULT.withRowGroupRows(250));
        Path file = dataDir.resolve(meta.relativePath());
        if (!withSidecar) {
            Files.delete(PartIndex.sidecarOf(file));
        }
        long[] wanted = {PartFixtures.seriesId(4), PartFixtures.seriesId(17)};
        java.util.Arrays.sort(wanted);
        long fromMillis = PartFixtures.BASE_MILLIS + 200_000;
        long toMillis = PartFixtures.BASE_MILLIS + 400_000;
        TimeRange range = TimeRange.ofMillis(fromMillis, toMillis);

        List<List<Object>> read = readAll(new ParquetPartReader(), meta, List.of("series_id", "ts", "value"), range, wanted);

        List<List<Object>> matching = new ArrayList<>();
        for (List<Object> row : rows) {
            long id = (Long) row.get(0);
            long ts = (Long) row.get(2);
            if ((id == wanted[0] || id == wanted[1]) && ts >= fromMillis && ts <= toMillis) {
                matching.add(List.of(row.get(0), row.get(2), row.get(3)));
            }
        }
        assertThat(matching).isNotEmpty();
        assertThat(read).containsAll(matching);
        // 3000 rows in 12 row groups; two series of 100 rows each touch at most 2 groups apiece
        assertThat(read.size()).isLessThanOrEqualTo(4 * 250).isLessThan(rows.size());
        if (withSidecar) {
            // the exact id sets skip the groups whose id range only straddles the wanted ids
            assertThat(read.size()).isLessThanOrEqualTo(2 * 2 * 250);
        }
    }

    @Test
    void timeRangeOutsideThePartReadsNothing() throws Exception {
        List<List<Object>> rows = PartFixtures.logs(3, 50, 8);
        PartMeta meta = PartFiles.write(dataDir, "logs", "t1", "01JEMPTY", rows, PartWriterConfig.DEFAULT);
        TimeRange before = new TimeRange(0, meta.minTimeNanos() - 1);

        assertThat(readAll(new ParquetPartReader(), meta, List.of("ts", "line"), before, null)).isEmpty();
        assertThat(readAll(new ParquetPartReader(), meta, List.of("ts"), TimeRange.ALL, new long[] {123456789L})).isEmpty();
    }

    @Test
    void emptyProjectionCountsRows() throws Exception {
        List<List<Object>> rows = PartFixtures.spans(10, 20, 6);
        PartMeta meta = PartFiles.write(dataDir, "spans", "t1", "01JCOUNT", rows, PartWriterConfig.DEFAULT.withRowGroupRows(64));
        long count = 0;
        try (BatchReader reader = new ParquetPartReader().open(dataDir.resolve(meta.relativePath()), meta, List.of(),
                TimeRange.ALL, null, allocator)) {
            while (reader.loadNext()) {
                count += reader.root().getRowCount();
            }
        }
        assertThat(count).isEqualTo(rows.size());
    }

    @Test
    void unknownColumnIsRejected() throws Exception {
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JUNKNOWN", PartFixtures.samples(2, 10, 1), PartWriterConfig.DEFAULT);
        assertThatThrownBy(() -> new ParquetPartReader().open(dataDir.resolve(meta.relativePath()), meta, List.of("labels"),
                TimeRange.ALL, null, allocator))
                .isInstanceOf(StrataException.class)
                .extracting(e -> ((StrataException) e).errorCode().name()).isEqualTo("UNKNOWN_COLUMN");
    }

    @Test
    void corruptFileIsReportedAsCorrupt() throws Exception {
        PartMeta meta = PartFiles.write(dataDir, TelemetryTables.SAMPLES, "t1", "01JCORRUPT", PartFixtures.samples(2, 10, 1),
                PartWriterConfig.DEFAULT);
        Path file = dataDir.resolve(meta.relativePath());
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13});
        assertThatThrownBy(() -> new ParquetPartReader().open(file, meta, List.of("ts"), TimeRange.ALL, null, allocator))
                .isInstanceOf(StrataException.class)
                .extracting(e -> ((StrataException) e).errorCode().name()).isEqualTo("CORRUPT_PART");
    }

    private List<List<Object>> readAll(ParquetPartReader reader, PartMeta meta, List<String> columns, TimeRange range, long[] ids) {
        List<List<Object>> rows = new ArrayList<>();
        try (BatchReader batches = reader.open(dataDir.resolve(meta.relativePath()), meta, columns, range, ids, allocator)) {
            assertThat(batches.root().getSchema()).isEqualTo(StoredSchemas.project(meta.table(), columns));
            while (batches.loadNext()) {
                rows.addAll(ArrowRows.fromRoot(batches.root()));
            }
            assertThat(batches.root().getRowCount()).isZero();
        }
        return rows;
    }
}
