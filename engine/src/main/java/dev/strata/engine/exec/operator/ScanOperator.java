package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.TableColumn;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
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
