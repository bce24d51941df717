package dev.strata.storage.head;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads a head snapshot as Arrow batches of the {@code TelemetryTables} scan schema projected to
 * the requested columns, sorted as parts are (series/stream id then time; spans by trace id then
 * start), with repeated samples of one series and timestamp reduced to the last one written. The
 * root is reused: each batch is borrowed until the next {@link #loadNext()}. Not thread-safe.
 */
public final class HeadBatchReader implements BatchReader {
    private final VectorSchemaRoot root;
    private final FieldVector[] vectors;
    private final RowSource source;
    private final int batchRows;

    private HeadBatchReader(String table, List<String> columns, RowSource source, int batchRows, BufferAllocator allocator) {
        this.root = VectorSchemaRoot.create(TelemetryTables.project(table, columns), requireNonNull(allocator, "allocator is null"));
        this.vectors = root.getFieldVectors().toArray(new FieldVector[0]);
        this.source = source;
        this.batchRows = batchRows;
    }

    public static HeadBatchReader samples(TenantHead.SamplesSnapshot snapshot, TenantRegistry registry, List<String> columns,
            TimeRange range, int batchRows, BufferAllocator allocator) {
        return new HeadBatchReader(TelemetryTables.SAMPLES, columns, new SampleRows(snapshot, registry, columns, range),
                batchRows, allocator);
    }

    public static HeadBatchReader logs(TenantHead.LogsSnapshot snapshot, TenantRegistry registry, List<String> columns,
            TimeRange range, int batchRows, BufferAllocator allocator) {
        return new HeadBatchReader(TelemetryTables.LOGS, columns, new LogRows(snapshot, registry, columns, range), batchRows, allocator);
    }

    /** Spans whose start lies in {@code startRange} (sealing splits by day; scans pass {@code ALL}). */
    public static HeadBatchReader spans(TenantHead.SpansSnapshot snapshot, List<String> columns, TimeRange startRange, int batchRows,
            BufferAllocator allocator) {
        return new HeadBatchReader(TelemetryTables.SPANS, columns, new SpanRows(snapshot, columns, startRange), batchRows, allocator);
    }

    /** Rows of the {@code series} table for the given series ordinals (any order). */
    public static HeadBatchReader series(int[] ordinals, TenantRegistry registry, List<String> columns, int batchRows,
            BufferAllocator allocator) {
        return new HeadBatchReader(TelemetryTables.SERIES, columns, new SeriesRows(ordinals, registry, columns), batchRows, allocator);
    }

    @Override
    public boolean loadNext() {
        for (FieldVector v : vectors) {
            v.reset();
        }
        int n = source.fill(vectors, batchRows);
        root.setRowCount(n);
        for (int c = 0; c < vectors.length; c++) {
            if (source.dictionaryIds(c) != null) {
                // setRowCount gave it a value per row; in dictionary form it holds its entries
                vectors[c].setValueCount(source.dictionaryEntries(c));
            }
        }
        return n > 0;
    }

    /** The head gives a samples scan's {@code metric} and {@code labels} as one entry per run of a series' rows. */
    @Override
    public boolean requestDictionary(int column) {
        return source.requestDictionary(column);
    }

    @Override
    public int[] dictionaryIds(int column) {
        return source.dictionaryIds(column);
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public void close() {
        root.close();
    }
}
