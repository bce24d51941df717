package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.parquet.ArrowWriteSupport;
import dev.strata.storage.part.parquet.ColumnarFileWriter;
import dev.strata.storage.part.parquet.FileOutput;
import dev.strata.storage.part.parquet.ImpliedEntries;
import dev.strata.storage.part.parquet.ParquetSchemas;
import dev.strata.storage.part.parquet.SampleValues;
import dev.strata.storage.part.parquet.ZstdCodecFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes parts with parquet-java, without Hadoop at run time: writer v2, ZSTD, per-column encodings
 * from {@link PartWriterConfig} (docs/decisions/0003-part-encodings.md), column statistics, and
 * the sidecar {@link PartIndex} next to the file. Both files are fsynced, and so is their
 * directory, before {@link #write} returns. Thread-safe (no shared mutable state).
 */
public final class ParquetPartWriter implements PartWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ParquetPartWriter.class);
    /** Time columns: never dictionary-encoded, so writer v2 stores them DELTA_BINARY_PACKED. */
    private static final List<String> DELTA_COLUMNS = List.of(
            "ts", "start_ts", "end_ts", "duration_ns", "events.list.element.ts");

    private final PartWriterConfig config;

    public ParquetPartWriter(PartWriterConfig config) {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public PartMeta write(PartSpec spec, Iterator<VectorSchemaRoot> sortedBatches, Path file) throws IOException {
        String table = spec.table();
        Schema schema = StoredSchemas.schema(table);
        Path sidecar = PartIndex.sidecarOf(file);
        Files.createDirectories(file.getParent());
        boolean splitValue = table.equals(TelemetryTables.SAMPLES) && config.valueEncoding() == PartWriterConfig.ValueEncoding.DECIMAL_SPLIT;
        Map<String, String> metadata = Map.of("strata.table", table, "strata.part", spec.id());
        String idColumn = StoredSchemas.idColumn(table);
        String timeColumn = StoredSchemas.timeColumn(table);
        long timeScale = timeColumn == null ? 1 : ParquetSchemas.nanosPerUnit(schema.findField(timeColumn));
        // ids as runs (rows come grouped by id), so memory grows with series, not rows; the time
        // spans come from the footer's exact column statistics
        IdRuns runs = new IdRuns();
        long rowCount = 0;
        ZstdCodecFactory codecs = new ZstdCodecFactory(config.zstdLevelFor(spec.level()));
        boolean done = false;
        try {
            List<BlockMetaData> blocks;
            if (config.writePath() == PartWriterConfig.WritePath.COLUMNAR && ColumnarFileWriter.supports(schema)) {
                // trace and span ids once, in their columns (decision 0028); the record path stores them twice
                ImpliedEntries implied = table.equals(TelemetryTables.LOGS) ? ImpliedEntries.LOGS : ImpliedEntries.NONE;
                ColumnarFileWriter writer = new ColumnarFileWriter(new FileOutput(file), schema, splitValue, implied, properties(table),
                        codecs.getCompressor(CompressionCodecName.ZSTD), metadata, rowGroupBytes(table));
                try {
                    while (sortedBatches.hasNext()) {
                        VectorSchemaRoot root = sortedBatches.next();
                        writer.write(root);
                        int rows = root.getRowCount();
                        if (idColumn != null) {
                            BigIntVector idVector = (BigIntVector) root.getVector(idColumn);
                            for (int r = 0; r < rows; r++) {
                                runs.add(idVector.get(r), rowCount + r);
                            }
                        }
                        rowCount += rows;
                    }
                } finally {
                    writer.close();
                }
                blocks = writer.footer().getBlocks();
            } else {
                ArrowWriteSupport support = new ArrowWriteSupport(schema, metadata, splitValue);
                ParquetWriter<VectorSchemaRoot> writer = builder(new FileOutput(file), support, table, codecs).build();
                try {
                    while (sortedBatches.hasNext()) {
                        VectorSchemaRoot root = sortedBatches.next();
                        support.bind(root);
                        BigIntVector idVector = idColumn == null ? null : (BigIntVector) root.getVector(idColumn);
                        int rows = root.getRowCount();
                        for (int r = 0; r < rows; r++) {
                            support.row(r);
                            writer.write(root);
                            if (idVector != null) {
                                runs.add(idVector.get(r), rowCount);
                            }
                            rowCount++;
                        }
                    }
                } finally {
                    writer.close();
                }
                blocks = writer.getFooter().getBlocks();
            }
            PartIndex index = index(blocks, idColumn == null ? null : runs, timeColumn, timeScale);
            index.write(sidecar);
            syncDirectory(file.getParent());
            done = true;
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            for (RowGroupIndex group : index.rowGroups()) {
                minTime = Math.min(minTime, group.minTimeNanos());
                maxTime = Math.max(maxTime, group.maxTimeNanos());
            }
            if (timeColumn == null) {
                minTime = Long.MIN_VALUE;
                maxTime = Long.MAX_VALUE;
            } else if (rowCount == 0) {
                minTime = 0;
                maxTime = 0;
            }
            PartMeta meta = new PartMeta(spec.id(), table, spec.tenant(), spec.relativePath(), rowCount, Files.size(file),
                    minTime, maxTime, runs.minId(), runs.maxId(), spec.level());
            LOG.debug("part written [table={}, tenant={}, id={}, rows={}, bytes={}, row_groups={}]",
                    table, spec.tenant(), spec.id(), meta.rowCount(), meta.sizeBytes(), index.rowGroups().size());
            return meta;
        } finally {
            codecs.release();
            if (!done) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(sidecar);
            }
        }
    }

    private int pageRows(String table) {
        return table.equals(TelemetryTables.SAMPLES) ? Math.min(config.pageRows(), config.samplePageRows()) : config.pageRows();
    }

    private long rowGroupBytes(String table) {
        boolean wide = table.equals(TelemetryTables.LOGS) || table.equals(TelemetryTables.SPANS);
        return wide ? config.wideRowGroupBytes() : config.sampleRowGroupBytes();
    }

    /**
     * Per-column departures from dictionary encoding, chosen by measurement (decisions 0003,
     * 0015); both write paths apply the same choices.
     */
    private record ColumnEncodings(Map<String, Boolean> dictionary, List<String> byteStreamSplit) {}

    private ColumnEncodings columnEncodings(String table) {
        Map<String, Boolean> dictionary = new LinkedHashMap<>();
        List<String> byteStreamSplit = new ArrayList<>();
        for (String column : DELTA_COLUMNS) {
            dictionary.put(column, false);
        }
        if (table.equals(TelemetryTables.SAMPLES)) {
            switch (config.valueEncoding()) {
                case DICTIONARY -> dictionary.put("value", true);
                case PLAIN -> dictionary.put("value", false);
                case BYTE_STREAM_SPLIT -> {
                    dictionary.put("value", false);
                    byteStreamSplit.add("value");
                }
                case DECIMAL_SPLIT -> {
                    dictionary.put(SampleValues.DOUBLE_COLUMN, false);
                    byteStreamSplit.add(SampleValues.DOUBLE_COLUMN);
                    dictionary.put(SampleValues.INT_COLUMN, false);
                }
            }
        }
        if (table.equals(TelemetryTables.LOGS)) {
            dictionary.put("line", config.lineEncoding() == PartWriterConfig.LineEncoding.DICTIONARY);
        }
        return new ColumnEncodings(dictionary, byteStreamSplit);
    }

    /** The same settings as {@link #builder}, for the column-at-a-time path. */
    private ParquetProperties properties(String table) {
        ParquetProperties.Builder builder = ParquetProperties.builder()
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .withRowGroupRowCountLimit(config.rowGroupRows())
                .withPageSize(config.pageBytes())
                .withPageRowCountLimit(pageRows(table))
                .withDictionaryPageSize(config.dictionaryPageBytes())
                .withDictionaryEncoding(true)
                .withStatisticsEnabled(true);
        ColumnEncodings encodings = columnEncodings(table);
        for (Map.Entry<String, Boolean> column : encodings.dictionary().entrySet()) {
            builder = builder.withDictionaryEncoding(column.getKey(), column.getValue());
        }
        for (String column : encodings.byteStreamSplit()) {
            builder = builder.withByteStreamSplitEncoding(column, true);
        }
        return builder.build();
    }

    private Builder builder(OutputFile out, ArrowWriteSupport support, String table, ZstdCodecFactory codecs) {
        Builder builder = new Builder(out, support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(codecs)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupRowCountLimit(config.rowGroupRows())
                .withRowGroupSize(rowGroupBytes(table))
                .withPageSize(config.pageBytes())
                .withPageRowCountLimit(pageRows(table))
                .withDictionaryPageSize(config.dictionaryPageBytes())
                .withDictionaryEncoding(true)
                .withStatisticsEnabled(true);
        ColumnEncodings encodings = columnEncodings(table);
        for (Map.Entry<String, Boolean> column : encodings.dictionary().entrySet()) {
            builder = builder.withDictionaryEncoding(column.getKey(), column.getValue());
        }
        for (String column : encodings.byteStreamSplit()) {
            builder = builder.withByteStreamSplitEncoding(column, true);
        }
        return builder;
    }

    /** Per row group of the written file: its time span (column statistics) and exact id set (runs). */
    private static PartIndex index(List<BlockMetaData> blocks, IdRuns runs, String timeColumn, long timeScale) {
        List<RowGroupIndex> groups = new ArrayList<>(blocks.size());
        long first = 0;
        for (BlockMetaData block : blocks) {
            long count = block.getRowCount();
            long minTime = Long.MIN_VALUE;
            long maxTime = Long.MAX_VALUE;
            if (timeColumn != null) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    Statistics<?> statistics = column.getStatistics();
                    if (column.getPath().size() == 1 && column.getPath().toArray()[0].equals(timeColumn)
                            && statistics != null && statistics.hasNonNullValue()) {
                        minTime = (Long) statistics.genericGetMin() * timeScale;
                        maxTime = (Long) statistics.genericGetMax() * timeScale;
                    }
                }
            }
            groups.add(runs == null ? new RowGroupIndex(first, count, minTime, maxTime, new long[0])
                    : runs.group(first, first + count, minTime, maxTime));
            first += count;
        }
        return new PartIndex(groups);
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Runs of equal ids as (id, first row) in primitive arrays: no boxing on the per-row path. */
    private static final class IdRuns {
        private long[] ids = new long[256];
        private long[] starts = new long[256];
        private int size;
        /** Rows seen, so the last run's end is known. */
        private long rows;

        void add(long id, long row) {
            rows = Math.max(rows, row + 1);
            if (size > 0 && ids[size - 1] == id) {
                return;
            }
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
                starts = Arrays.copyOf(starts, size * 2);
            }
            ids[size] = id;
            starts[size] = row;
            size++;
        }

        /**
         * The index of the rows {@code [from, to)}: their sorted, distinct ids and, when each id
         * is a single run there (rows sorted by id), each id's run relative to {@code from}.
         */
        RowGroupIndex group(long from, long to, long minTime, long maxTime) {
            int at = Arrays.binarySearch(starts, 0, size, from);
            int first = at >= 0 ? at : Math.max(0, -at - 2);
            int last = first;
            while (last < size && starts[last] < to) {
                last++;
            }
            int n = last - first;
            long[] sorted = Arrays.copyOfRange(ids, first, last);
            boolean ascending = true;
            for (int i = 1; i < n; i++) {
                ascending &= sorted[i] > sorted[i - 1];
            }
            if (!ascending) {
                Arrays.sort(sorted);
            }
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[distinct - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            long[] groupIds = Arrays.copyOf(sorted, distinct);
            if (distinct != n || to <= from || to - from > Integer.MAX_VALUE) {
                // an id in several runs: its rows are not one range, so the group is read whole
                return new RowGroupIndex(from, to - from, minTime, maxTime, groupIds);
            }
            int[] runStarts = new int[n];
            int[] runLengths = new int[n];
            for (int run = first; run < last; run++) {
                long start = Math.max(starts[run], from);
                long end = Math.min(run + 1 < size ? starts[run + 1] : rows, to);
                int slot = ascending ? run - first : Arrays.binarySearch(groupIds, ids[run]);
                runStarts[slot] = (int) (start - from);
                runLengths[slot] = (int) (end - start);
            }
            return new RowGroupIndex(from, to - from, minTime, maxTime, groupIds, runStarts, runLengths);
        }

        long minId() {
            long min = size == 0 ? 0 : Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, ids[i]);
            }
            return min;
        }

        long maxId() {
            long max = size == 0 ? 0 : Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, ids[i]);
            }
            return max;
        }
    }

    private static final class Builder extends ParquetWriter.Builder<VectorSchemaRoot, Builder> {
        private final ArrowWriteSupport support;

        Builder(OutputFile file, ArrowWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<VectorSchemaRoot> getWriteSupport(Configuration configuration) {
            return support;
        }

        @Override
        protected WriteSupport<VectorSchemaRoot> getWriteSupport(ParquetConfiguration configuration) {
            return support;
        }
    }
}
