package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.ValueKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Equi-join by hashing: the right (build) input is collected into vectors this operator owns and
 * indexed by its encoded key (rows with a null key never match); each left (probe) batch then
 * yields its matching pairs, copied into output vectors. INNER and LEFT joins; a left row without
 * a match gets nulls on the right in a LEFT join.
 */
public final class HashJoinOperator implements Operator {
    private final QueryContext context;
    private final Operator left;
    private final Operator right;
    private final int[] leftKeys;
    private final int[] rightKeys;
    private final ValueKind[] keyKinds;
    private final boolean isLeftJoin;
    private final List<Field> rightFields;

    private List<FieldVector> build;
    private int buildRows;
    private int[] table = new int[1024];
    private int[] entryRow = new int[256];
    private int[] entryHash = new int[256];
    private int[] entryNext = new int[256];
    private byte[][] entryKey = new byte[256][];
    private int entries;
    private final KeyEncoder keyEncoder = new KeyEncoder();
    private int keyLength;

    private List<FieldVector> output;
    private VectorSchemaRoot outputRoot;
    private int[] leftSelection = new int[0];
    private int[] rightSelection = new int[0];

    public HashJoinOperator(QueryContext context, Operator left, Operator right, int[] leftKeys, int[] rightKeys, ValueKind[] keyKinds, boolean isLeftJoin,
            List<Field> rightFields) {
        this.context = requireNonNull(context, "context is null");
        this.left = requireNonNull(left, "left is null");
        this.right = requireNonNull(right, "right is null");
        this.leftKeys = leftKeys.clone();
        this.rightKeys = rightKeys.clone();
        this.keyKinds = keyKinds.clone();
        this.isLeftJoin = isLeftJoin;
        this.rightFields = List.copyOf(rightFields);
    }

    @Override
    public VectorSchemaRoot next() {
        if (build == null) {
            buildSide();
        }
        for (VectorSchemaRoot batch = left.next(); batch != null; batch = left.next()) {
            context.checkRunning();
            int rows = batch.getRowCount();
            if (rows == 0) {
                continue;
            }
            ColumnData[] keys = load(batch, leftKeys, rows);
            int pairs = 0;
            for (int i = 0; i < rows; i++) {
                boolean matched = false;
                if (encode(keys, i)) {
                    int hash = KeyEncoder.hash(keyEncoder.bytes(), keyLength);
                    for (int e = table[hash & (table.length - 1)] - 1; e >= 0; e = entryNext[e]) {
                        if (entryHash[e] == hash && Arrays.equals(entryKey[e], 0, entryKey[e].length, keyEncoder.bytes(), 0, keyLength)) {
                            pairs = addPair(pairs, i, entryRow[e]);
                            matched = true;
                        }
                    }
                }
                if (!matched && isLeftJoin) {
                    pairs = addPair(pairs, i, -1);
                }
            }
            if (pairs > 0) {
                return emit(batch, pairs);
            }
        }
        return null;
    }

    private int addPair(int pairs, int leftRow, int rightRow) {
        if (pairs == leftSelection.length) {
            int capacity = Math.max(1024, pairs * 2);
            leftSelection = Arrays.copyOf(leftSelection, capacity);
            rightSelection = Arrays.copyOf(rightSelection, capacity);
        }
        leftSelection[pairs] = leftRow;
        rightSelection[pairs] = rightRow;
        return pairs + 1;
    }

    private VectorSchemaRoot emit(VectorSchemaRoot batch, int pairs) {
        int leftColumns = batch.getFieldVectors().size();
        if (output == null) {
            output = new ArrayList<>();
            for (FieldVector vector : batch.getFieldVectors()) {
                output.add(vector.getField().createVector(context.allocator()));
            }
            for (FieldVector vector : build) {
                output.add(vector.getField().createVector(context.allocator()));
            }
            outputRoot = new VectorSchemaRoot(output);
        }
        for (int c = 0; c < output.size(); c++) {
            FieldVector out = output.get(c);
            out.clear();
            out.setInitialCapacity(pairs);
            out.allocateNew();
            if (c < leftColumns) {
                FieldVector in = batch.getVector(c);
                for (int p = 0; p < pairs; p++) {
                    out.copyFromSafe(leftSelection[p], p, in);
                }
            } else {
                FieldVector in = build.get(c - leftColumns);
                for (int p = 0; p < pairs; p++) {
                    int row = rightSelection[p];
                    if (row < 0) {
                        while (p >= out.getValueCapacity()) {
                            out.reAlloc();
                        }
                        out.setNull(p);
                    } else {
                        out.copyFromSafe(row, p, in);
                    }
                }
            }
            out.setValueCount(pairs);
        }
        outputRoot.setRowCount(pairs);
        return outputRoot;
    }

    private void buildSide() {
        build = new ArrayList<>();
        for (VectorSchemaRoot batch = right.next(); batch != null; batch = right.next()) {
            context.checkRunning();
            int rows = batch.getRowCount();
            if (build.isEmpty()) {
                for (FieldVector vector : batch.getFieldVectors()) {
                    FieldVector copy = vector.getField().createVector(context.allocator());
                    copy.allocateNew();
                    build.add(copy);
                }
            }
            for (int c = 0; c < build.size(); c++) {
                FieldVector target = build.get(c);
                FieldVector source = batch.getVector(c);
                for (int i = 0; i < rows; i++) {
                    target.copyFromSafe(i, buildRows + i, source);
                }
                target.setValueCount(buildRows + rows);
            }
            ColumnData[] keys = load(batch, rightKeys, rows);
            for (int i = 0; i < rows; i++) {
                if (encode(keys, i)) {
                    insert(buildRows + i);
                }
            }
            buildRows += rows;
        }
        if (build.isEmpty()) {
            // No build batch: the right columns of a LEFT join's output are all null.
            for (Field field : rightFields) {
                FieldVector empty = field.createVector(context.allocator());
                build.add(empty);
            }
        }
    }

    private ColumnData[] load(VectorSchemaRoot batch, int[] columns, int rows) {
        ColumnData[] data = new ColumnData[columns.length];
        for (int k = 0; k < columns.length; k++) {
            data[k] = new ColumnData(keyKinds[k]);
            data[k].load(batch.getVector(columns[k]), rows);
        }
        return data;
    }

    private void insert(int row) {
        if (entries == entryRow.length) {
            int capacity = entries * 2;
            entryRow = Arrays.copyOf(entryRow, capacity);
            entryHash = Arrays.copyOf(entryHash, capacity);
            entryNext = Arrays.copyOf(entryNext, capacity);
            entryKey = Arrays.copyOf(entryKey, capacity);
        }
        int hash = KeyEncoder.hash(keyEncoder.bytes(), keyLength);
        int e = entries++;
        entryRow[e] = row;
        entryHash[e] = hash;
        entryKey[e] = Arrays.copyOf(keyEncoder.bytes(), keyLength);
        if (entries * 2 > table.length) {
            int[] bigger = new int[table.length * 2];
            for (int old = 0; old < e; old++) {
                int slot = entryHash[old] & (bigger.length - 1);
                entryNext[old] = bigger[slot] - 1;
                bigger[slot] = old + 1;
            }
            table = bigger;
        }
        int slot = hash & (table.length - 1);
        entryNext[e] = table[slot] - 1;
        table[slot] = e + 1;
    }

    /** Encodes row {@code row}'s key; false when a key column is null (no match in SQL). */
    private boolean encode(ColumnData[] keys, int row) {
        int length = 0;
        for (int k = 0; k < keys.length; k++) {
            ColumnData data = keys[k];
            if (data.isNull(row)) {
                return false;
            }
            length = keyEncoder.putValue(length, data, keyKinds[k], row);
        }
        keyLength = length;
        return true;
    }

    @Override
    public void close() {
        try {
            if (outputRoot != null) {
                outputRoot.close();
                outputRoot = null;
            }
            if (build != null) {
                for (FieldVector vector : build) {
                    vector.close();
                }
            }
        } finally {
            try {
                left.close();
            } finally {
                right.close();
            }
        }
    }
}
