package dev.strata.storage.part;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import dev.strata.storage.part.decode.ColumnChunkPages;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32C;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reads of the wanted ids' rows only (sidecar version 2 runs) return exactly the rows a whole
 * row-group read returns for those ids, in the same order: random id subsets, the first and last
 * series, series cut by a row-group boundary, many small pages, every value encoding, and parts
 * whose sidecar is of version 1 (no runs) or missing.
 */
class TestRowRangeReads {
    private static final List<String> COLUMNS = List.of("series_id", "ts", "value");

    @TempDir
    Path dataDir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /** Small row groups (series of 100 rows cut at 330-row boundaries) and 64-row pages. */
    private static PartWriterConfig smallGroups(PartWriterConfig.ValueEncoding encoding) {
        return PartWriterConfig.DEFAULT.withRowGroupRows(330).withPages(1 << 20, 64).withValueEncoding(encoding);
    }

    @ParameterizedTest
    @EnumSource(PartWriterConfig.ValueEncoding.class)
    void randomIdSubsetsReadExactlyTheirRows(PartWriterConfig.ValueEncoding encoding) throws Exception {
        List<List<Object>> rows = PartFixtures.samples(45, 100, 11);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JRANGE", rows, smallGroups(encoding));
        assertThat(PartIndex.read(PartIndex.sidecarOf(file(meta))).rowGroups()).allMatch(RowGroupIndex::hasRuns);
        long[] all = ids(rows);
        Random random = new Random(7);
        for (int trial = 0; trial < 25; trial++) {
            long[] wanted = pick(all, 1 + random.nextInt(all.length), random);
            assertSameAsWholeGroups(meta, rows, wanted, TimeRange.ALL);
        }
    }

    @Test
    void edgeSubsetsAndTimeRanges() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(45, 100, 12);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JEDGE", rows, smallGroups(PartWriterConfig.ValueEncoding.DECIMAL_SPLIT));
        long[] all = ids(rows);
        // in stored (file) order: the first and last series of the file, and those cut by a group boundary
        long first = (Long) rows.get(0).get(0);
        long last = (Long) rows.get(rows.size() - 1).get(0);
        long acrossFirstBoundary = (Long) rows.get(330).get(0);
        long acrossLastBoundary = (Long) rows.get(330 * 13 - 1).get(0);
        long[][] subsets = {
                {first}, {last}, sorted(first, last), {acrossFirstBoundary}, {acrossLastBoundary},
                sorted(first, acrossFirstBoundary, acrossLastBoundary, last), all, new long[0], {12345L},
                // neighbours in file order: adjacent runs merge into one range
                sorted((Long) rows.get(100).get(0), (Long) rows.get(200).get(0), (Long) rows.get(300).get(0)),
        };
        for (long[] wanted : subsets) {
            assertSameAsWholeGroups(meta, rows, wanted, TimeRange.ALL);
            assertSameAsWholeGroups(meta, rows, wanted,
                    TimeRange.ofMillis(PartFixtures.BASE_MILLIS + 250_000, PartFixtures.BASE_MILLIS + 600_000));
        }
    }

    @Test
    void largePagesAndRowGroupsWithTheDefaults() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(60, 150, 13);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JDEFLT", rows, PartWriterConfig.DEFAULT);
        long[] all = ids(rows);
        Random random = new Random(8);
        for (int trial = 0; trial < 10; trial++) {
            assertSameAsWholeGroups(meta, rows, pick(all, 1 + random.nextInt(8), random), TimeRange.ALL);
        }
    }

    /**
     * One kept parse (as a live part keeps it) read again and again: the first reads capture the
     * decompressed chunks (within the budget) and the long skips build the delta pages'
     * checkpoints, later reads replay and resume at them, and every read returns exactly the wanted
     * ids' written rows, as reads without the kept parse do; with no room in the budget nothing is
     * kept and the rows are the same. Closing the parse gives the budget back.
     */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {PageCacheBudget.DEFAULT_BYTES, 0})
    void keptParseWithChunksAndDeltaCheckpointsReadsTheSameRows(long budgetBytes) throws Exception {
        List<List<Object>> rows = PartFixtures.samples(60, 600, 17);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JKEPT", rows, PartWriterConfig.DEFAULT.withRowGroupRows(20_000));
        PageCacheBudget budget = new PageCacheBudget(budgetBytes);
        ParquetPartReader reader = new ParquetPartReader(ParquetPartReader.ReadPath.VECTORIZED, budget);
        long[] all = ids(rows);
        Random random = new Random(11);
        try (ParsedPart parsed = reader.parse(file(meta), meta)) {
            assertThat(parsed.rowGroupCount()).isEqualTo(2);
            assertThat(parsed.checkpointedPages()).isZero();
            for (int trial = 0; trial < 12; trial++) {
                long[] wanted = trial == 0 ? new long[] {all[all.length - 1]} : pick(all, 1 + random.nextInt(5), random);
                Set<Long> wantedSet = new HashSet<>();
                for (long id : wanted) {
                    wantedSet.add(id);
                }
                List<List<Object>> truth = new ArrayList<>();
                for (List<Object> row : rows) {
                    if (wantedSet.contains((Long) row.get(0))) {
                        truth.add(List.of(row.get(0), row.get(2), row.get(3)));
                    }
                }
                List<List<Object>> kept = new ArrayList<>();
                try (BatchReader batches = reader.open(parsed, file(meta), meta, COLUMNS, TimeRange.ALL, wanted, 0, Integer.MAX_VALUE,
                        allocator)) {
                    while (batches.loadNext()) {
                        kept.addAll(ArrowRows.fromRoot(batches.root()));
                    }
                }
                assertThat(kept).as("trial %d", trial).isEqualTo(truth);
                assertThat(read(meta, TimeRange.ALL, wanted)).as("trial %d without the kept parse", trial).isEqualTo(truth);
            }
            // long skips built checkpoints (ts, value_int, series_id pages); chunks only within the budget
            assertThat(parsed.checkpointedPages()).isGreaterThanOrEqualTo(2);
            if (budgetBytes == 0) {
                assertThat(parsed.cachedChunks()).isZero();
                assertThat(budget.usedBytes()).isZero();
            } else {
                assertThat(parsed.cachedChunks()).isPositive();
                assertThat(budget.usedBytes()).isPositive();
            }
        }
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void samplePageRowsCutSamplesPagesAndRangesStillReadExactly() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(30, 100, 16);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JPAGES", rows, PartWriterConfig.DEFAULT.withSamplePageRows(50));
        int pages = 0;
        try (FileChannel channel = FileChannel.open(file(meta), StandardOpenOption.READ);
                ColumnChunkPages chunk = new ColumnChunkPages()) {
            for (ColumnChunkMetaData column : PartFooter.read(channel).getBlocks().get(0).getColumns()) {
                if (column.getPath().toDotString().equals("ts")) {
                    chunk.open(channel, column);
                    while (chunk.nextHeader()) {
                        pages++;
                    }
                }
            }
        }
        // parquet-java cuts a page at the row limit give or take its size-check interval
        assertThat(pages).isBetween(3000 / 50 / 2, 3000 / 50 + 1);
        long[] all = ids(rows);
        Random random = new Random(10);
        for (int trial = 0; trial < 10; trial++) {
            assertSameAsWholeGroups(meta, rows, pick(all, 1 + random.nextInt(6), random), TimeRange.ALL);
        }
    }

    @Test
    void versionOneSidecarReadsWholeGroupsWithTheSameResult() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(45, 100, 14);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JOLDIX", rows, smallGroups(PartWriterConfig.ValueEncoding.DECIMAL_SPLIT));
        Path sidecar = PartIndex.sidecarOf(file(meta));
        PartIndex current = PartIndex.read(sidecar);
        Files.write(sidecar, versionOne(current));

        PartIndex old = PartIndex.read(sidecar);
        assertThat(old.rowGroups()).noneMatch(RowGroupIndex::hasRuns);
        for (int g = 0; g < old.rowGroups().size(); g++) {
            RowGroupIndex was = current.rowGroups().get(g);
            assertThat(old.rowGroups().get(g)).isEqualTo(new RowGroupIndex(was.firstRow(), was.rowCount(), was.minTimeNanos(),
                    was.maxTimeNanos(), was.ids()));
        }
        long[] all = ids(rows);
        Random random = new Random(9);
        for (int trial = 0; trial < 8; trial++) {
            assertSameAsWholeGroups(meta, rows, pick(all, 1 + random.nextInt(10), random), TimeRange.ALL, false);
        }
        Files.delete(sidecar);
        assertSameAsWholeGroups(meta, rows, pick(all, 5, random), TimeRange.ALL, false);
    }

    @Test
    void sidecarRunsLocateEveryIdsRows() throws Exception {
        List<List<Object>> rows = PartFixtures.samples(45, 100, 15);
        PartMeta meta = PartFiles.write(dataDir, "samples", "t1", "01JRUNS", rows, smallGroups(PartWriterConfig.ValueEncoding.DECIMAL_SPLIT));
        PartIndex index = PartIndex.read(PartIndex.sidecarOf(file(meta)));
        for (RowGroupIndex group : index.rowGroups()) {
            for (int i = 0; i < group.ids().length; i++) {
                int from = (int) group.firstRow() + group.runStarts()[i];
                int to = from + group.runLengths()[i];
                for (int r = from; r < to; r++) {
                    assertThat(rows.get(r).get(0)).isEqualTo(group.ids()[i]);
                }
                // the run is maximal within its group
                if (from > group.firstRow()) {
                    assertThat(rows.get(from - 1).get(0)).isNotEqualTo(group.ids()[i]);
                }
                if (to < group.firstRow() + group.rowCount()) {
                    assertThat(rows.get(to).get(0)).isNotEqualTo(group.ids()[i]);
                }
            }
            assertThat(Arrays.stream(group.runLengths()).sum()).isEqualTo(group.rowCount());
        }
    }

    @Test
    void rowsOfMergesAdjacentRunsAndOrdersThemByRow() {
        // ids sorted, runs not in id order (rows sorted by metric first)
        RowGroupIndex group = new RowGroupIndex(1000, 100, 0, 1, new long[] {-5, 3, 8, 20},
                new int[] {60, 0, 30, 10}, new int[] {40, 10, 30, 20});
        assertThat(group.rowsOf(new long[] {3, 20}).bounds()).containsExactly(0, 30);
        assertThat(group.rowsOf(new long[] {-5, 3}).bounds()).containsExactly(0, 10, 60, 100);
        assertThat(group.rowsOf(new long[] {8, 9}).bounds()).containsExactly(30, 60);
        assertThat(group.rowsOf(new long[] {7}).bounds()).isEmpty();
        assertThat(group.rowsOf(new long[] {-5, 3, 8, 20})).isNull();
        assertThat(group.rowsOf(null)).isNull();
        assertThat(new RowGroupIndex(0, 100, 0, 1, new long[] {1, 2}).rowsOf(new long[] {1})).isNull();
    }

    /** Reads with the ids against a whole read filtered by the same ids (and the time range, as callers do). */
    private void assertSameAsWholeGroups(PartMeta meta, List<List<Object>> written, long[] wanted, TimeRange range) {
        assertSameAsWholeGroups(meta, written, wanted, range, true);
    }

    /**
     * @param exact the reader must return no row of another id (sidecar runs); otherwise it may
     *     return whole row groups and the rows of the wanted ids are compared
     */
    private void assertSameAsWholeGroups(PartMeta meta, List<List<Object>> written, long[] wanted, TimeRange range, boolean exact) {
        Set<Long> wantedSet = new HashSet<>();
        for (long id : wanted) {
            wantedSet.add(id);
        }
        List<List<Object>> expected = new ArrayList<>();
        for (List<Object> row : read(meta, range, null)) {
            if (wantedSet.contains((Long) row.get(0))) {
                expected.add(row);
            }
        }
        List<List<Object>> truth = new ArrayList<>();
        for (List<Object> row : written) {
            if (wantedSet.contains((Long) row.get(0))) {
                truth.add(List.of(row.get(0), row.get(2), row.get(3)));
            }
        }
        List<List<Object>> selected = new ArrayList<>();
        for (List<Object> row : read(meta, range, wanted)) {
            assertThat(!exact || wantedSet.contains((Long) row.get(0))).as("row of an unwanted id %s", row).isTrue();
            if (wantedSet.contains((Long) row.get(0))) {
                selected.add(row);
            }
        }
        if (range.isAll()) {
            // row groups are only pruned by time, so the whole read holds every written row
            assertThat(expected).isEqualTo(truth);
            assertThat(selected).isEqualTo(truth);
        } else {
            List<List<Object>> selectedInRange = new ArrayList<>();
            for (List<Object> row : selected) {
                long ms = (Long) row.get(1);
                if (ms * 1_000_000L >= range.startNanos() && ms * 1_000_000L <= range.endNanos()) {
                    selectedInRange.add(row);
                }
            }
            List<List<Object>> expectedInRange = new ArrayList<>();
            for (List<Object> row : expected) {
                long ms = (Long) row.get(1);
                if (ms * 1_000_000L >= range.startNanos() && ms * 1_000_000L <= range.endNanos()) {
                    expectedInRange.add(row);
                }
            }
            assertThat(selectedInRange).isEqualTo(expectedInRange);
        }
    }

    private List<List<Object>> read(PartMeta meta, TimeRange range, long[] ids) {
        List<List<Object>> rows = new ArrayList<>();
        try (BatchReader batches = new ParquetPartReader().open(file(meta), meta, COLUMNS, range, ids, allocator)) {
            while (batches.loadNext()) {
                assertThat(batches.root().getRowCount()).isPositive();
                rows.addAll(ArrowRows.fromRoot(batches.root()));
            }
        }
        return rows;
    }

    private Path file(PartMeta meta) {
        return dataDir.resolve(meta.relativePath());
    }

    private static long[] ids(List<List<Object>> rows) {
        TreeSet<Long> ids = new TreeSet<>();
        for (List<Object> row : rows) {
            ids.add((Long) row.get(0));
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] pick(long[] all, int n, Random random) {
        long[] shuffled = all.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = t;
        }
        return sorted(Arrays.copyOf(shuffled, n));
    }

    private static long[] sorted(long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return copy;
    }

    /** The sidecar in the documented version-1 layout (docs/format/parts.md), written independently of PartIndex. */
    private static byte[] versionOne(PartIndex index) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'S', 'T', 'I', 'X', 1});
        varint(out, index.rowGroups().size());
        for (RowGroupIndex g : index.rowGroups()) {
            varint(out, g.firstRow());
            varint(out, g.rowCount());
            varint(out, (g.minTimeNanos() << 1) ^ (g.minTimeNanos() >> 63));
            varint(out, g.maxTimeNanos() - g.minTimeNanos());
            varint(out, g.ids().length);
            for (int i = 0; i < g.ids().length; i++) {
                long id = g.ids()[i];
                varint(out, i == 0 ? (id << 1) ^ (id >> 63) : id - g.ids()[i - 1]);
            }
        }
        byte[] body = out.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        return ByteBuffer.allocate(body.length + 4).put(body).putInt((int) crc.getValue()).array();
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
