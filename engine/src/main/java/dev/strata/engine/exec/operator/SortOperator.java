package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.BatchBuilder;
import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ValueKind;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * ORDER BY with optional OFFSET/FETCH. Collects its input into vectors it owns, sorts a row index
 * with a stable merge sort, and emits the requested slice in batches. With a FETCH (top-N) the
 * collected rows are cut back to offset+fetch whenever they grow past twice that, so memory stays
 * bounded by N rather than by the input.
 */
public final class SortOperator implements Operator {
    private final QueryContext context;
    private final Operator input;
    private final List<SortKey> keys;
    private final long offset;
    private final long fetch;
    private final BatchBuilder output;
    private List<FieldVector> collected;
    private VectorSchemaRoot collectedRoot;
    private int rows;
    private int[] order;
    private int emitted;
    private int end;
    private boolean consumed;

    /** @param fetch rows to keep after {@code offset}, or -1 for all */
    public SortOperator(QueryContext context, Operator input, List<SortKey> keys, long offset, long fetch) {
        this.context = requireNonNull(context, "context is null");
        this.input = requireNonNull(input, "input is null");
        this.keys = List.copyOf(keys);
        this.offset = offset;
        this.fetch = fetch;
        this.output = new BatchBuilder(context.allocator());
    }

    @Override
    public VectorSchemaRoot next() {
        consumeInput();
        if (emitted >= end) {
            return null;
        }
        context.checkRunning();
        int count = Math.min(context.batchRows(), end - emitted);
        int[] selection = new int[count];
        System.arraycopy(order, emitted, selection, 0, count);
        emitted += count;
        return output.copy(collectedRoot, selection, count);
    }

    /** Collects and sorts the whole input now, if not done yet (a parallel top-N's worker calls it on its partial top-N). */
    public void consumeInput() {
        if (!consumed) {
            consume();
            consumed = true;
        }
    }

    private void consume() {
        long keep = fetch < 0 ? Long.MAX_VALUE : offset + fetch;
        for (VectorSchemaRoot batch = input.next(); batch != null; batch = input.next()) {
            context.checkRunning();
            if (batch.getRowCount() == 0) {
                continue;
            }
            append(batch);
            if (keep < Integer.MAX_VALUE / 2 && rows > Math.max(2 * keep, 1024)) {
                compact((int) keep);
            }
        }
        if (collected == null) {
            order = new int[0];
            end = 0;
            return;
        }
        order = sortedOrder();
        emitted = (int) Math.min(offset, rows);
        end = (int) Math.min(rows, fetch < 0 ? rows : offset + fetch);
    }

    private void append(VectorSchemaRoot batch) {
        if (collected == null) {
            collected = new ArrayList<>();
            for (FieldVector vector : batch.getFieldVectors()) {
                FieldVector copy = vector.getField().createVector(context.allocator());
                copy.allocateNew();
                collected.add(copy);
            }
            collectedRoot = new VectorSchemaRoot(collected);
        }
        int count = batch.getRowCount();
        for (int c = 0; c < collected.size(); c++) {
            FieldVector target = collected.get(c);
            FieldVector source = batch.getVector(c);
            for (int i = 0; i < count; i++) {
                target.copyFromSafe(i, rows + i, source);
            }
            target.setValueCount(rows + count);
        }
        rows += count;
        collectedRoot.setRowCount(rows);
    }

    /** Keeps only the first {@code keep} rows in sort order. */
    private void compact(int keep) {
        int[] sorted = sortedOrder();
        List<FieldVector> kept = new ArrayList<>();
        for (FieldVector vector : collected) {
            FieldVector copy = vector.getField().createVector(context.allocator());
            copy.allocateNew();
            for (int i = 0; i < keep; i++) {
                copy.copyFromSafe(sorted[i], i, vector);
            }
            copy.setValueCount(keep);
            kept.add(copy);
        }
        collectedRoot.close();
        collected = kept;
        collectedRoot = new VectorSchemaRoot(collected);
        rows = keep;
        collectedRoot.setRowCount(rows);
    }

    private int[] sortedOrder() {
        ColumnData[] data = new ColumnData[keys.size()];
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            data[k] = new ColumnData(key.kind());
            data[k].load(collected.get(key.column()), rows);
        }
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        int[] buffer = new int[rows];
        mergeSort(index, buffer, 0, rows, data);
        return index;
    }

    private void mergeSort(int[] index, int[] buffer, int from, int to, ColumnData[] data) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 16) {
            for (int i = from + 1; i < to; i++) {
                int value = index[i];
                int j = i - 1;
                while (j >= from && compare(index[j], value, data) > 0) {
                    index[j + 1] = index[j];
                    j--;
                }
                index[j + 1] = value;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(index, buffer, from, middle, data);
        mergeSort(index, buffer, middle, to, data);
        if (compare(index[middle - 1], index[middle], data) <= 0) {
            return;
        }
        System.arraycopy(index, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int i = from; i < to; i++) {
            if (right >= to || (left < middle && compare(buffer[left], buffer[right], data) <= 0)) {
                index[i] = buffer[left++];
            } else {
                index[i] = buffer[right++];
            }
        }
    }

    private int compare(int a, int b, ColumnData[] data) {
        for (int k = 0; k < keys.size(); k++) {
            SortKey key = keys.get(k);
            ColumnData column = data[k];
            boolean aNull = column.isNull(a);
            boolean bNull = column.isNull(b);
            int result;
            if (aNull || bNull) {
                if (aNull && bNull) {
                    continue;
                }
                result = aNull == key.isNullsFirst() ? -1 : 1;
                return result;
            }
            result = switch (key.kind()) {
                case LONG -> Long.compare(column.longs()[a], column.longs()[b]);
                case DOUBLE -> Double.compare(column.doubles()[a], column.doubles()[b]);
                case BOOLEAN -> Boolean.compare(column.booleans()[a], column.booleans()[b]);
                case STRING -> compareStrings((BaseVariableWidthVector) column.vector(), a, b);
                case MAP -> 0;
            };
            if (result != 0) {
                return key.isDescending() ? -result : result;
            }
        }
        return 0;
    }

    private static int compareStrings(BaseVariableWidthVector vector, int a, int b) {
        var offsets = vector.getOffsetBuffer();
        return ByteFunctionHelpers.compare(vector.getDataBuffer(),
                offsets.getInt((long) a * 4), offsets.getInt((long) (a + 1) * 4),
                vector.getDataBuffer(),
                offsets.getInt((long) b * 4), offsets.getInt((long) (b + 1) * 4));
    }

    @Override
    public void close() {
        try {
            output.close();
            if (collectedRoot != null) {
                collectedRoot.close();
                collectedRoot = null;
            }
        } finally {
            input.close();
        }
    }
}
