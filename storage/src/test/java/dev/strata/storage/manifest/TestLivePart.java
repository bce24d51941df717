package dev.strata.storage.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.part.PageCacheBudget;
import dev.strata.storage.part.ParquetPartReader;
import dev.strata.storage.part.ParquetPartWriter;
import dev.strata.storage.part.ParsedPart;
import dev.strata.storage.part.PartIndex;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriterConfig;
import dev.strata.storage.part.StoredSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMilliTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live part keeps its file's parse (decision 0024) for exactly as long as it holds the file:
 * parsed once for every scan, dropped with the last reference (compaction or retention removed
 * the part and the last scan finished), never parsed again afterwards.
 */
final class TestLivePart {
    @TempDir
    Path dir;

    private final BufferAllocator allocator = new RootAllocator();

    @AfterEach
    void noLeaks() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void parseIsKeptWhileReferencedAndDroppedWithTheLastReference() throws Exception {
        PartMeta meta = writePart("01JLIVE");
        Path file = dir.resolve(meta.relativePath());
        PageCacheBudget budget = new PageCacheBudget(PageCacheBudget.DEFAULT_BYTES);
        CountingReader reader = new CountingReader(budget);
        LivePart part = new LivePart(meta, file);
        assertThat(part.cachedParse()).isNull();

        ParsedPart first = part.parsed(reader);
        assertThat(part.parsed(reader)).isSameAs(first);
        assertThat(part.rowGroupCount(reader)).isEqualTo(1);
        assertThat(reader.parses).isEqualTo(1);
        assertThat(readValues(reader, first, meta, file)).containsExactly(1.0, 2.0, 3.0);
        assertThat(readValues(reader, first, meta, file)).containsExactly(1.0, 2.0, 3.0);
        // the value chunk is kept decompressed, accounted in the reader's budget
        assertThat(first.cachedChunks()).isPositive();
        long kept = budget.usedBytes();
        assertThat(kept).isPositive();

        // a scan's reference keeps the parse after the manifest dropped the part (compaction, retention)
        assertThat(part.acquire()).isTrue();
        part.release();
        assertThat(part.cachedParse()).isSameAs(first);
        assertThat(Files.exists(file)).isTrue();

        part.release();
        assertThat(part.cachedParse()).isNull();
        // dropped with the part: the chunks are gone and their bytes back in the budget
        assertThat(first.cachedChunks()).isZero();
        assertThat(budget.usedBytes()).isZero();
        assertThat(Files.exists(file)).isFalse();
        assertThat(Files.exists(PartIndex.sidecarOf(file))).isFalse();
        assertThat(part.acquire()).isFalse();
        // nothing parses a removed file again: the old parse cannot come back either
        assertThatThrownBy(() -> part.parsed(reader)).isInstanceOf(IllegalStateException.class);
        assertThat(reader.parses).isEqualTo(1);
    }

    @Test
    void aReaderThatKeepsNothingIsAskedEveryTime() throws Exception {
        PartMeta meta = writePart("01JNONE");
        LivePart part = new LivePart(meta, dir.resolve(meta.relativePath()));
        PartReader keepsNothing = new PartReader() {
            @Override
            public BatchReader open(Path file, PartMeta m, List<String> columns, TimeRange timeRange, long[] ids, BufferAllocator a) {
                throw new UnsupportedOperationException("this test only asks for the parse, never for rows");
            }
        };
        assertThat(part.parsed(keepsNothing)).isNull();
        assertThat(part.rowGroupCount(keepsNothing)).isEqualTo(1);
        part.release();
    }

    private List<Double> readValues(PartReader reader, ParsedPart parsed, PartMeta meta, Path file) {
        List<Double> values = new ArrayList<>();
        try (BatchReader batches = reader.open(parsed, file, meta, List.of("value"), TimeRange.ALL, null, 0, 1, allocator)) {
            while (batches.loadNext()) {
                Float8Vector vector = (Float8Vector) batches.root().getVector("value");
                for (int i = 0; i < batches.root().getRowCount(); i++) {
                    values.add(vector.get(i));
                }
            }
        }
        return values;
    }

    private PartMeta writePart(String id) throws Exception {
        String relative = "parts/samples/tenant=t1/day=2026-11-23/" + id + ".parquet";
        try (VectorSchemaRoot root = VectorSchemaRoot.create(StoredSchemas.SAMPLES, allocator)) {
            root.allocateNew();
            for (int i = 0; i < 3; i++) {
                ((BigIntVector) root.getVector("series_id")).setSafe(i, 42);
                ((VarCharVector) root.getVector("metric")).setSafe(i, "up".getBytes(StandardCharsets.UTF_8));
                ((TimeStampMilliTZVector) root.getVector("ts")).setSafe(i, 1_795_000_000_000L + i * 15_000L);
                ((Float8Vector) root.getVector("value")).setSafe(i, i + 1.0);
            }
            root.setRowCount(3);
            return new ParquetPartWriter(PartWriterConfig.DEFAULT).write(new PartSpec(id, "samples", "t1", relative, 0),
                    List.of(root).iterator(), dir.resolve(relative));
        }
    }

    /** The Parquet reader, counting parses. */
    private static final class CountingReader implements PartReader {
        private final ParquetPartReader delegate;
        int parses;

        CountingReader(PageCacheBudget budget) {
            delegate = new ParquetPartReader(ParquetPartReader.ReadPath.VECTORIZED, budget);
        }

        @Override
        public BatchReader open(Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids, BufferAllocator a) {
            return delegate.open(file, meta, columns, timeRange, ids, a);
        }

        @Override
        public ParsedPart parse(Path file, PartMeta meta) {
            parses++;
            return delegate.parse(file, meta);
        }

        @Override
        public BatchReader open(ParsedPart parsed, Path file, PartMeta meta, List<String> columns, TimeRange timeRange, long[] ids,
                int firstRowGroup, int endRowGroup, BufferAllocator a) {
            return delegate.open(parsed, file, meta, columns, timeRange, ids, firstRowGroup, endRowGroup, a);
        }
    }
}
