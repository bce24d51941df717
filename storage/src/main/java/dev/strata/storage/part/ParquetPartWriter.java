package dev.strata.storage.part;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.part.parquet.ArrowWriteSupport;
import dev.strata.storage.part.parquet.FileOutput;
import dev.strata.storage.part.parquet.ParquetSchemas;
import dev.strata.storage.part.parquet.ZstdCodecFactory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
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
        ArrowWriteSupport support = new ArrowWriteSupport(schema, Map.of("strata.table", table, "strata.part", spec.id()));
        String idColumn = StoredSchemas.idColumn(table);
        String timeColumn = StoredSchemas.timeColumn(table);
        long timeScale = timeColumn == null ? 1 : ParquetSchemas.nanosPerUnit(schema.findField(timeColumn));
        LongColumn ids = new LongColumn();
        LongColumn times = new LongColumn();
        ParquetWriter<VectorSchemaRoot> writer = builder(new FileOutput(file), support, table, spec.level()).build();
        boolean done = false;
        try {
            try {
                while (sortedBatches.hasNext()) {
                    VectorSchemaRoot root = sortedBatches.next();
                    support.bind(root);
                    BigIntVector idVector = idColumn == null ? null : (BigIntVector) root.getVector(idColumn);
                    TimeStampVector timeVector = timeColumn == null ? null : (TimeStampVector) root.getVector(timeColumn);
                    int rows = root.getRowCount();
                    for (int r = 0; r < rows; r++) {
                        support.row(r);
                        writer.write(root);
                        if (idVector != null) {
                            ids.add(idVector.get(r));
                        }
                        if (timeVector != null) {
                            times.add(timeVector.get(r) * timeScale);
                        }
                    }
                }
            } finally {
                writer.close();
            }
            PartIndex index = index(writer.getFooter().getBlocks(), idColumn != null ? ids : null, timeColumn != null ? times : null);
            index.write(sidecar);
            syncDirectory(file.getParent());
            done = true;
            long rowCount = Math.max(ids.size, times.size);
            if (idColumn == null && timeColumn == null) {
                rowCount = 0;
                for (RowGroupIndex g : index.rowGroups()) {
                    rowCount += g.rowCount();
                }
            }
            PartMeta meta = new PartMeta(spec.id(), table, spec.tenant(), spec.relativePath(), rowCount, Files.size(file),
                    timeColumn == null ? Long.MIN_VALUE : times.min(), timeColumn == null ? Long.MAX_VALUE : times.max(),
                    idColumn == null ? 0 : ids.min(), idColumn == null ? 0 : ids.max(), spec.level());
            LOG.debug("part written [table={}, tenant={}, id={}, rows={}, bytes={}, row_groups={}]",
                    table, spec.tenant(), spec.id(), meta.rowCount(), meta.sizeBytes(), index.rowGroups().size());
            return meta;
        } finally {
            if (!done) {
                Files.deleteIfExists(file);
                Files.deleteIfExists(sidecar);
            }
        }
    }

    private Builder builder(OutputFile out, ArrowWriteSupport support, String table, int level) {
        boolean wide = table.equals(TelemetryTables.LOGS) || table.equals(TelemetryTables.SPANS);
        Builder builder = new Builder(out, support)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(new ZstdCodecFactory(config.zstdLevelFor(level)))
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupRowCountLimit(config.rowGroupRows())
                .withRowGroupSize(wide ? config.wideRowGroupBytes() : config.sampleRowGroupBytes())
                .withPageSize(config.pageBytes())
                .withPageRowCountLimit(config.pageRows())
                .withDictionaryPageSize(config.dictionaryPageBytes())
                .withDictionaryEncoding(true)
                .withStatisticsEnabled(true);
        for (String column : DELTA_COLUMNS) {
            builder = builder.withDictionaryEncoding(column, false);
        }
        if (table.equals(TelemetryTables.SAMPLES)) {
            switch (config.valueEncoding()) {
                case DICTIONARY -> builder = builder.withDictionaryEncoding("value", true);
                case PLAIN -> builder = builder.withDictionaryEncoding("value", false);
                case BYTE_STREAM_SPLIT -> builder = builder.withDictionaryEncoding("value", false)
                        .withByteStreamSplitEncoding("value", true);
            }
        }
        if (table.equals(TelemetryTables.LOGS)) {
            builder = builder.withDictionaryEncoding("line", config.lineEncoding() == PartWriterConfig.LineEncoding.DICTIONARY);
        }
        return builder;
    }

    /** Per row group of the written file: its time span and exact id set, from the rows written. */
    private static PartIndex index(List<BlockMetaData> blocks, LongColumn ids, LongColumn times) {
        List<RowGroupIndex> groups = new ArrayList<>(blocks.size());
        long first = 0;
        for (BlockMetaData block : blocks) {
            long count = block.getRowCount();
            int from = (int) first;
            int to = (int) (first + count);
            long minTime = Long.MIN_VALUE;
            long maxTime = Long.MAX_VALUE;
            if (times != null && count > 0) {
                minTime = Long.MAX_VALUE;
                maxTime = Long.MIN_VALUE;
                for (int i = from; i < to; i++) {
                    long t = times.values[i];
                    minTime = Math.min(minTime, t);
                    maxTime = Math.max(maxTime, t);
                }
            }
            groups.add(new RowGroupIndex(first, count, minTime, maxTime, ids == null ? new long[0] : distinct(ids.values, from, to)));
            first += count;
        }
        return new PartIndex(groups);
    }

    private static long[] distinct(long[] values, int from, int to) {
        // rows come in id runs, so collapsing runs first keeps the sort small
        LongColumn runs = new LongColumn();
        for (int i = from; i < to; i++) {
            if (i == from || values[i] != values[i - 1]) {
                runs.add(values[i]);
            }
        }
        long[] sorted = Arrays.copyOf(runs.values, runs.size);
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A growable primitive long array (no boxing on the per-row path). */
    private static final class LongColumn {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long min() {
            long min = size == 0 ? 0 : Long.MAX_VALUE;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, values[i]);
            }
            return min;
        }

        long max() {
            long max = size == 0 ? 0 : Long.MIN_VALUE;
            for (int i = 0; i < size; i++) {
                max = Math.max(max, values[i]);
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
