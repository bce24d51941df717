package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.TableColumn;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.SelectedBatch;
import dev.strata.engine.exec.SplitQueue;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMilliVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Reads the splits of one store scan in order (or, under a worker context of a parallel operator,
 * whichever splits of the shared {@link SplitQueue} this worker takes next) and shapes each batch into the table's SQL columns
 * (nanosecond timestamps floored to milliseconds where the column is TIMESTAMP). Batches are the
 * reader's own vectors where no conversion is needed, so they are borrowed until the next call.
 */
public final class ScanOperator implements Operator {
    private final QueryContext context;
    private final TableSource source;
    private final ScanRequest request;
    private final List<TableColumn> columns;
    private final List<TimeStampMilliVector> converted = new ArrayList<>();
    private List<Split> splits;
    private int nextSplit;
    private BatchReader reader;
    private boolean closed;
    private long[] scratch = new long[0];
    /** Set by the first call: whether readers are asked for dictionaries ({@link #nextEncoded()}). */
    private boolean encoded;
    private boolean started;

    public ScanOperator(QueryContext context, TableSource source, ScanRequest request, List<TableColumn> columns) {
        this.context = requireNonNull(context, "context is null");
        this.source = requireNonNull(source, "source is null");
        this.request = requireNonNull(request, "request is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        for (TableColumn column : this.columns) {
            converted.add(column.conversion() == TableColumn.Conversion.NANOS_TO_MILLIS
                    ? new TimeStampMilliVector(column.name(), context.allocator())
                    : null);
        }
    }

    @Override
    public VectorSchemaRoot next() {
        started = true;
        return read();
    }

    /**
     * Like {@link #next()}, but asks each reader for its text and map columns in dictionary form
     * ({@link BatchReader#requestDictionary}) and passes the dictionaries it gives on.
     */
    @Override
    public SelectedBatch nextEncoded() {
        if (!started) {
            started = true;
            encoded = true;
        }
        VectorSchemaRoot batch = read();
        if (batch == null) {
            return null;
        }
        int[][] ids = null;
        for (int c = 0; c < columns.size(); c++) {
            int source = readerColumn(c);
            int[] columnIds = source < 0 ? null : reader.dictionaryIds(source);
            if (columnIds != null) {
                if (ids == null) {
                    ids = new int[columns.size()][];
                }
                ids[c] = columnIds;
            }
        }
        return new SelectedBatch(batch, null, batch.getRowCount(), ids);
    }

    /** The reader's column that column {@code c} passes on unchanged when it is text or a map, else -1. */
    private int readerColumn(int c) {
        TableColumn column = columns.get(c);
        ArrowType type = column.sourceField().getType();
        if (column.conversion() != TableColumn.Conversion.NONE
                || !(type instanceof ArrowType.Utf8 || type instanceof ArrowType.Map)) {
            return -1;
        }
        return request.columns().indexOf(column.sourceColumn());
    }

    private VectorSchemaRoot read() {
        SplitQueue shared = context.sharedSplits();
        if (splits == null && shared == null) {
            splits = source.splits(request);
        }
        while (true) {
            context.checkRunning();
            if (reader == null) {
                Split split;
                if (shared != null) {
                    split = shared.next();
                } else {
                    split = nextSplit < splits.size() ? splits.get(nextSplit++) : null;
                }
                if (split == null) {
                    return null;
                }
                reader = source.open(request, split, context.allocator());
                if (encoded) {
                    for (int c = 0; c < columns.size(); c++) {
                        int column = readerColumn(c);
                        if (column >= 0) {
                            reader.requestDictionary(column);
                        }
                    }
                }
            }
            if (reader.loadNext()) {
                VectorSchemaRoot batch = reader.root();
                return shape(batch);
            }
            reader.close();
            reader = null;
        }
    }

    private VectorSchemaRoot shape(VectorSchemaRoot batch) {
        int rows = batch.getRowCount();
        List<FieldVector> vectors = new ArrayList<>(columns.size());
        for (int c = 0; c < columns.size(); c++) {
            TableColumn column = columns.get(c);
            FieldVector sourceVector = batch.getVector(column.sourceColumn());
            TimeStampMilliVector millis = converted.get(c);
            if (millis == null) {
                vectors.add(sourceVector);
                continue;
            }
            millis.clear();
            millis.allocateNew(rows);
            if (sourceVector.getNullCount() == 0) {
                toMillis(sourceVector, millis, rows);
                vectors.add(millis);
                continue;
            }
            var data = sourceVector.getDataBuffer();
            for (int i = 0; i < rows; i++) {
                if (sourceVector.isNull(i)) {
                    millis.setNull(i);
                } else {
                    millis.set(i, Math.floorDiv(data.getLong((long) i * 8), 1_000_000L));
                }
            }
            millis.setValueCount(rows);
            vectors.add(millis);
        }
        if (encoded) {
            // not setRowCount: a column in dictionary form holds fewer values than the batch has rows
            List<Field> fields = new ArrayList<>(vectors.size());
            for (FieldVector vector : vectors) {
                fields.add(vector.getField());
            }
            return new VectorSchemaRoot(fields, vectors, rows);
        }
        VectorSchemaRoot shaped = new VectorSchemaRoot(vectors);
        shaped.setRowCount(rows);
        return shaped;
    }

    /** Bulk path for a column without nulls: one bounds check per batch, not two per row. */
    private void toMillis(FieldVector nanos, TimeStampMilliVector millis, int rows) {
        if (scratch.length < rows) {
            scratch = new long[Math.max(rows, scratch.length * 2)];
        }
        ColumnData.readLongs(nanos, rows, scratch);
        for (int i = 0; i < rows; i++) {
            scratch[i] = Math.floorDiv(scratch[i], 1_000_000L);
        }
        millis.getDataBuffer().nioBuffer(0, rows * 8).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(scratch, 0, rows);
        for (int i = 0; i < rows; i++) {
            BitVectorHelper.setBit(millis.getValidityBuffer(), i);
        }
        millis.setValueCount(rows);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        } finally {
            if (splits != null) {
                source.release(splits);
            }
            for (TimeStampMilliVector vector : converted) {
                if (vector != null) {
                    vector.close();
                }
            }
        }
    }
}
