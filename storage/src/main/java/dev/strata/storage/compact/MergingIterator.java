package dev.strata.storage.compact;

import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * K-way merge of sorted part readers into batches of one output root, streaming (one batch per
 * input in memory). Keys: {@code (series_id, ts)} for samples, {@code (stream_id, ts)} for logs,
 * {@code series_id} for series, {@code (trace_id, start_ts)} for spans. For samples and series,
 * rows with equal keys are deduplicated: the row of the input listed last (the newest part) is
 * kept. Each returned batch is borrowed until the next call. Not thread-safe; closes the readers.
 */
final class MergingIterator implements Iterator<VectorSchemaRoot>, AutoCloseable {
    private final Cursor[] cursors;
    private final VectorSchemaRoot out;
    private final int batchRows;
    private final boolean deduplicate;
    private long rowsIn;
    private long rowsOut;

    MergingIterator(String table, List<BatchReader> readers, List<String> columns, int batchRows, BufferAllocator allocator) {
        this.out = VectorSchemaRoot.create(TelemetryTables.project(table, columns), allocator);
        this.batchRows = batchRows;
        this.deduplicate = table.equals(TelemetryTables.SAMPLES) || table.equals(TelemetryTables.SERIES);
        this.cursors = new Cursor[readers.size()];
        for (int i = 0; i < cursors.length; i++) {
            cursors[i] = new Cursor(table, readers.get(i), columns);
        }
    }

    long rowsIn() {
        return rowsIn;
    }

    long rowsOut() {
        return rowsOut;
    }

    @Override
    public boolean hasNext() {
        for (Cursor c : cursors) {
            if (c.valid) {
                return true;
            }
        }
        return false;
    }

    @Override
    public VectorSchemaRoot next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        for (FieldVector v : out.getFieldVectors()) {
            v.reset();
        }
        int rows = 0;
        List<FieldVector> targets = out.getFieldVectors();
        while (rows < batchRows) {
            int best = -1;
            for (int i = 0; i < cursors.length; i++) {
                if (!cursors[i].valid) {
                    continue;
                }
                if (best < 0) {
                    best = i;
                    continue;
                }
                int cmp = cursors[i].compareTo(cursors[best]);
                // on equal keys a later (newer) input wins when deduplicating, the earlier one otherwise
                if (cmp < 0 || (cmp == 0 && deduplicate)) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            Cursor chosen = cursors[best];
            VectorSchemaRoot source = chosen.reader.root();
            for (int c = 0; c < targets.size(); c++) {
                targets.get(c).copyFromSafe(chosen.row, rows, source.getVector(c));
            }
            rows++;
            if (deduplicate) {
                // drop the same key from every other input (and from later rows of this one)
                long id = chosen.id;
                long time = chosen.time;
                for (Cursor c : cursors) {
                    while (c.valid && c.id == id && c.time == time) {
                        c.advance();
                        rowsIn++;
                    }
                }
            } else {
                chosen.advance();
                rowsIn++;
            }
        }
        out.setRowCount(rows);
        rowsOut += rows;
        return out;
    }

    @Override
    public void close() {
        out.close();
        for (Cursor c : cursors) {
            c.reader.close();
        }
    }

    /** The current row of one input and its key. */
    private static final class Cursor {
        final BatchReader reader;
        final int idColumn;
        final int timeColumn;
        final int traceColumn;
        boolean valid;
        int row;
        long id;
        long time;
        byte[] trace;

        Cursor(String table, BatchReader reader, List<String> columns) {
            this.reader = reader;
            this.idColumn = columns.indexOf(switch (table) {
                case TelemetryTables.LOGS -> "stream_id";
                case TelemetryTables.SPANS -> "-";
                default -> "series_id";
            });
            this.timeColumn = columns.indexOf(switch (table) {
                case TelemetryTables.SPANS -> "start_ts";
                case TelemetryTables.SERIES -> "-";
                default -> "ts";
            });
            this.traceColumn = table.equals(TelemetryTables.SPANS) ? columns.indexOf("trace_id") : -1;
            this.row = -1;
            this.valid = true;
            advance();
        }

        void advance() {
            row++;
            while (row >= reader.root().getRowCount()) {
                if (!reader.loadNext()) {
                    valid = false;
                    return;
                }
                row = 0;
            }
            VectorSchemaRoot root = reader.root();
            id = idColumn < 0 ? 0 : ((BigIntVector) root.getVector(idColumn)).get(row);
            time = timeColumn < 0 ? 0 : ((TimeStampVector) root.getVector(timeColumn)).get(row);
            trace = traceColumn < 0 ? null : ((VarCharVector) root.getVector(traceColumn)).get(row);
        }

        int compareTo(Cursor other) {
            if (trace != null) {
                int c = Arrays.compareUnsigned(trace, other.trace);
                if (c != 0) {
                    return c;
                }
            }
            int c = Long.compare(id, other.id);
            return c != 0 ? c : Long.compare(time, other.time);
        }
    }
}
