package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ColumnData;
import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.SelectedBatch;
import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.VectorWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Hash aggregation. A single integer-like key (series ids, time buckets) is looked up by value in
 * an open-addressing table of longs; any other key is encoded into bytes (a null flag and the value
 * per key column) and looked up in an open-addressing table of group ids. A row whose key equals
 * the previous row's skips the lookup. Accumulators are primitive arrays indexed by group id. Reads
 * its input's selections ({@link Operator#nextSelected()}), so a filter below copies nothing.
 * Consumes its whole input on the first {@code next()} and then emits the groups in batches. Without group keys it emits exactly one row, as SQL requires.
 */
public final class HashAggregateOperator implements Operator {
    private final QueryContext context;
    private final Operator input;
    private final int[] keyColumns;
    private final ValueKind[] keyKinds;
    private final List<Field> keyFields;
    private final List<AggregateFunction> aggregates;
    private final ColumnData[] keyData;
    /** Per key column of the current batch: each row's dictionary entry in keyData, or null (a value per row). */
    private final int[][] keyIds;
    /** One key in dictionary form: the group of each entry of the current batch's dictionary, -1 until seen. */
    private int[] entryGroups = new int[0];
    private final ColumnData[] argumentData;

    private int[] table = new int[1024];
    private int groupCount;
    private byte[] keyHeap = new byte[4096];
    private int heapSize;
    private int[] keyOffsets = new int[256];
    private int[] keyHashes = new int[256];
    private final KeyEncoder keyEncoder = new KeyEncoder();
    private int[] groupIds = new int[0];
    private int[] identity = new int[0];
    private final long[] offsetAddresses;
    private final long[] dataAddresses;

    // a single integer-like key: groups by value in an open-addressing long table (null when not)
    private long[] longKeys;
    private boolean[] longKeyNull;
    private int[] longTable;
    private int longNullGroup = -1;

    private long[][] longStates;
    private double[][] doubleStates;
    private long[][] counts;

    private List<FieldVector> outputVectors;
    private VectorSchemaRoot output;
    private int emitted;
    private boolean consumed;

    public HashAggregateOperator(QueryContext context, Operator input, int[] keyColumns, ValueKind[] keyKinds, List<Field> keyFields, List<AggregateFunction> aggregates) {
        this.context = requireNonNull(context, "context is null");
        this.input = requireNonNull(input, "input is null");
        this.keyColumns = keyColumns.clone();
        this.keyKinds = keyKinds.clone();
        this.keyFields = List.copyOf(keyFields);
        this.aggregates = List.copyOf(aggregates);
        this.keyData = new ColumnData[keyColumns.length];
        this.keyIds = new int[keyColumns.length][];
        this.offsetAddresses = new long[keyColumns.length];
        this.dataAddresses = new long[keyColumns.length];
        for (int k = 0; k < keyColumns.length; k++) {
            keyData[k] = new ColumnData(keyKinds[k]);
        }
        if (keyColumns.length == 1 && keyKinds[0] == ValueKind.LONG) {
            longKeys = new long[256];
            longKeyNull = new boolean[256];
            longTable = new int[1024];
        }
        int n = this.aggregates.size();
        this.argumentData = new ColumnData[n];
        this.longStates = new long[n][];
        this.doubleStates = new double[n][];
        this.counts = new long[n][];
        for (int a = 0; a < n; a++) {
            AggregateFunction aggregate = this.aggregates.get(a);
            if (aggregate.argument() >= 0) {
                argumentData[a] = new ColumnData(aggregate.argumentKind());
            }
            longStates[a] = new long[256];
            doubleStates[a] = new double[256];
            counts[a] = new long[256];
        }
    }

    @Override
    public VectorSchemaRoot next() {
        consumeInput();
        if (emitted >= groupCount) {
            return null;
        }
        context.checkRunning();
        int count = Math.min(context.batchRows(), groupCount - emitted);
        emit(emitted, count);
        emitted += count;
        return output;
    }

    /**
     * Aggregates the whole input now, if not done yet: a parallel aggregation's worker calls it on
     * its partial aggregation, whose groups {@link #absorb} then merges.
     */
    public void consumeInput() {
        if (!consumed) {
            consume();
            consumed = true;
        }
    }

    /**
     * Merges the groups of {@code partial}, an aggregation of the same keys and functions over other
     * rows (another worker's), into this one; both have consumed their inputs and this one has
     * emitted nothing. Counts and sums add, minimums and maximums compare: the result is that of
     * one aggregation over both inputs (sums of doubles up to the order of additions).
     */
    public void absorb(HashAggregateOperator partial) {
        consumeInput();
        if (!partial.consumed || emitted > 0) {
            throw new IllegalStateException("absorb needs two consumed aggregations, before emitting");
        }
        for (int other = 0; other < partial.groupCount; other++) {
            int group;
            if (keyColumns.length == 0) {
                group = 0;
            } else if (longKeys != null) {
                group = partial.longKeyNull[other] ? nullGroup() : longGroup(partial.longKeys[other]);
            } else {
                int start = partial.keyOffsets[other];
                group = findOrInsert(partial.keyHeap, start, partial.keyOffsets[other + 1] - start, partial.keyHashes[other]);
            }
            for (int a = 0; a < aggregates.size(); a++) {
                mergeState(a, group, partial, other);
            }
        }
    }

    private void mergeState(int a, int group, HashAggregateOperator partial, int other) {
        long otherCount = partial.counts[a][other];
        if (otherCount == 0) {
            return;
        }
        long[] count = counts[a];
        switch (aggregates.get(a).function()) {
            case COUNT -> count[group] += otherCount;
            case SUM, SUM0, AVG -> {
                longStates[a][group] += partial.longStates[a][other];
                doubleStates[a][group] += partial.doubleStates[a][other];
                count[group] += otherCount;
            }
            case MIN, MAX -> {
                boolean isMin = aggregates.get(a).function() == AggregateFunction.Function.MIN;
                long longValue = partial.longStates[a][other];
                double doubleValue = partial.doubleStates[a][other];
                boolean isDouble = aggregates.get(a).argumentKind() == ValueKind.DOUBLE;
                boolean better = isDouble
                        ? (isMin ? doubleValue < doubleStates[a][group] : doubleValue > doubleStates[a][group])
                        : (isMin ? longValue < longStates[a][group] : longValue > longStates[a][group]);
                if (count[group] == 0 || better) {
                    longStates[a][group] = longValue;
                    doubleStates[a][group] = doubleValue;
                }
                count[group] += otherCount;
            }
        }
    }

    private void consume() {
        if (keyColumns.length == 0) {
            insert(keyHeap, 0, 0, 0);
        }
        for (SelectedBatch selected = input.nextEncoded(); selected != null; selected = input.nextEncoded()) {
            context.checkRunning();
            VectorSchemaRoot batch = selected.root();
            int rows = batch.getRowCount();
            int count = selected.count();
            if (count == 0) {
                continue;
            }
            if (groupIds.length < count) {
                groupIds = new int[Math.max(count, groupIds.length * 2)];
            }
            int[] positions = selected.positions();
            if (positions == null) {
                if (identity.length < rows) {
                    identity = new int[Math.max(rows, identity.length * 2)];
                    for (int i = 0; i < identity.length; i++) {
                        identity[i] = i;
                    }
                }
                positions = identity;
            }
            for (int k = 0; k < keyColumns.length; k++) {
                FieldVector keyVector = batch.getVector(keyColumns[k]);
                keyIds[k] = selected.ids(keyColumns[k]);
                // a key in dictionary form is loaded as its entries and read through its ids
                int values = keyIds[k] == null ? rows : keyVector.getValueCount();
                keyData[k].load(keyVector, values);
                if (keyKinds[k] == ValueKind.STRING) {
                    BaseVariableWidthVector strings = (BaseVariableWidthVector) keyData[k].vector();
                    // the unchecked reads in sameKey stay within these buffers: offsets of values+1 entries
                    // and the data they point into
                    offsetAddresses[k] = strings.getOffsetBuffer().memoryAddress();
                    dataAddresses[k] = strings.getDataBuffer().memoryAddress();
                    if (strings.getOffsetBuffer().capacity() < (long) (values + 1) * 4
                            || strings.getDataBuffer().capacity() < strings.getOffsetBuffer().getInt((long) values * 4)) {
                        throw new IllegalStateException("string vector shorter than its offsets");
                    }
                }
            }
            assignGroups(positions, count);
            for (int a = 0; a < aggregates.size(); a++) {
                AggregateFunction aggregate = aggregates.get(a);
                if (aggregate.argument() >= 0) {
                    FieldVector argument = batch.getVector(aggregate.argument());
                    int[] ids = selected.ids(aggregate.argument());
                    if (ids == null) {
                        argumentData[a].load(argument, rows);
                    } else {
                        argumentData[a].loadGathered(argument, argument.getValueCount(), ids, rows);
                    }
                }
                accumulate(a, aggregate, positions, count);
            }
        }
    }

    /**
     * Fills {@code groupIds[0..count)} for the rows at {@code positions}. Rows whose key equals the
     * previous live row's reuse its group without hashing: samples arrive sorted by series and
     * time, so metric, series id, a series' labels and time buckets come in long runs.
     */
    private void assignGroups(int[] positions, int count) {
        if (keyColumns.length == 0) {
            Arrays.fill(groupIds, 0, count, 0);
            return;
        }
        if (longKeys != null) {
            assignLongGroups(positions, count);
            return;
        }
        if (keyColumns.length == 1 && keyIds[0] != null) {
            assignEntryGroups(positions, count);
            return;
        }
        int previous = -1;
        int previousGroup = -1;
        for (int i = 0; i < count; i++) {
            int row = positions[i];
            if (previous < 0 || !sameKey(previous, row)) {
                previousGroup = findOrInsert(row);
            }
            groupIds[i] = previousGroup;
            previous = row;
        }
    }

    /**
     * One key in dictionary form: each entry of the batch's dictionary is looked up once, the rows
     * then only index an array (a level, a metric, a stream's label: a handful of entries per batch).
     */
    private void assignEntryGroups(int[] positions, int count) {
        int[] ids = keyIds[0];
        int entries = keyData[0].size();
        if (entryGroups.length < entries) {
            entryGroups = new int[Math.max(entries, entryGroups.length * 2)];
        }
        Arrays.fill(entryGroups, 0, entries, -1);
        for (int i = 0; i < count; i++) {
            int entry = ids[positions[i]];
            int group = entryGroups[entry];
            if (group < 0) {
                group = findOrInsertValue(entry);
                entryGroups[entry] = group;
            }
            groupIds[i] = group;
        }
    }

    /** One integer-like key: an open-addressing long table, no byte encoding. */
    private void assignLongGroups(int[] positions, int count) {
        ColumnData data = keyData[0];
        long[] values = data.longs();
        boolean withNulls = data.mayHaveNulls();
        boolean[] nulls = data.nulls();
        int[] ids = keyIds[0];
        boolean havePrevious = false;
        boolean previousNull = false;
        long previousValue = 0;
        int previousGroup = -1;
        for (int i = 0; i < count; i++) {
            int row = ids == null ? positions[i] : ids[positions[i]];
            boolean isNull = withNulls && nulls[row];
            long value = isNull ? 0 : values[row];
            if (!havePrevious || isNull != previousNull || value != previousValue) {
                previousGroup = isNull ? nullGroup() : longGroup(value);
                havePrevious = true;
                previousNull = isNull;
                previousValue = value;
            }
            groupIds[i] = previousGroup;
        }
    }

    private int nullGroup() {
        if (longNullGroup < 0) {
            longNullGroup = newGroup();
            longKeyNull[longNullGroup] = true;
        }
        return longNullGroup;
    }

    private int longGroup(long value) {
        int mask = longTable.length - 1;
        for (int slot = mix(value) & mask; ; slot = (slot + 1) & mask) {
            int entry = longTable[slot];
            if (entry == 0) {
                int group = newGroup();
                longKeys[group] = value;
                longTable[slot] = group + 1;
                if (groupCount * 2 > longTable.length) {
                    rehashLongs();
                }
                return group;
            }
            if (longKeys[entry - 1] == value && !longKeyNull[entry - 1]) {
                return entry - 1;
            }
        }
    }

    private void rehashLongs() {
        int[] bigger = new int[longTable.length * 2];
        int mask = bigger.length - 1;
        for (int group = 0; group < groupCount; group++) {
            if (longKeyNull[group]) {
                continue;
            }
            int slot = mix(longKeys[group]) & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = group + 1;
        }
        longTable = bigger;
    }

    private static int mix(long value) {
        long h = value * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    /** True when rows {@code a} and {@code b} of the loaded key columns hold the same key. */
    private boolean sameKey(int rowA, int rowB) {
        for (int k = 0; k < keyColumns.length; k++) {
            ColumnData data = keyData[k];
            int[] ids = keyIds[k];
            int a = rowA;
            int b = rowB;
            if (ids != null) {
                a = ids[rowA];
                b = ids[rowB];
                if (a == b) {
                    continue;
                }
            }
            boolean nullA = data.isNull(a);
            if (nullA != data.isNull(b)) {
                return false;
            }
            if (nullA) {
                continue;
            }
            boolean same = switch (keyKinds[k]) {
                case LONG -> data.longs()[a] == data.longs()[b];
                case DOUBLE -> Double.doubleToLongBits(data.doubles()[a]) == Double.doubleToLongBits(data.doubles()[b])
                        || (data.doubles()[a] == 0.0 && data.doubles()[b] == 0.0);
                case BOOLEAN -> data.booleans()[a] == data.booleans()[b];
                case STRING -> sameString(offsetAddresses[k], dataAddresses[k], a, b);
                case MAP -> throw new IllegalStateException("maps cannot be group keys");
            };
            if (!same) {
                return false;
            }
        }
        return true;
    }

    /** Unchecked comparison of two strings of one vector; the offsets were checked when the batch was loaded. */
    private static boolean sameString(long offsets, long data, int a, int b) {
        int startA = MemoryUtil.getInt(offsets + (long) a * 4);
        int length = MemoryUtil.getInt(offsets + (long) (a + 1) * 4) - startA;
        int startB = MemoryUtil.getInt(offsets + (long) b * 4);
        if (MemoryUtil.getInt(offsets + (long) (b + 1) * 4) - startB != length) {
            return false;
        }
        long addressA = data + startA;
        long addressB = data + startB;
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if (MemoryUtil.getLong(addressA + i) != MemoryUtil.getLong(addressB + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (MemoryUtil.getByte(addressA + i) != MemoryUtil.getByte(addressB + i)) {
                return false;
            }
        }
        return true;
    }

    private void accumulate(int a, AggregateFunction aggregate, int[] positions, int rows) {
        long[] count = counts[a];
        if (aggregate.argument() < 0) {
            for (int i = 0; i < rows; i++) {
                count[groupIds[i]]++;
            }
            return;
        }
        ColumnData data = argumentData[a];
        boolean withNulls = data.mayHaveNulls() || data.vector() != null;
        long[] longState = longStates[a];
        double[] doubleState = doubleStates[a];
        switch (aggregate.function()) {
            case COUNT -> {
                for (int i = 0; i < rows; i++) {
                    if (!(withNulls && data.isNull(positions[i]))) {
                        count[groupIds[i]]++;
                    }
                }
            }
            case SUM, SUM0, AVG -> {
                if (data.kind() == ValueKind.LONG) {
                    long[] values = data.longs();
                    for (int i = 0; i < rows; i++) {
                        int r = positions[i];
                        if (!(withNulls && data.isNull(r))) {
                            int g = groupIds[i];
                            longState[g] += values[r];
                            count[g]++;
                        }
                    }
                } else {
                    double[] values = data.doubles();
                    for (int i = 0; i < rows; i++) {
                        int r = positions[i];
                        if (!(withNulls && data.isNull(r))) {
                            int g = groupIds[i];
                            doubleState[g] += values[r];
                            count[g]++;
                        }
                    }
                }
            }
            case MIN, MAX -> {
                boolean isMin = aggregate.function() == AggregateFunction.Function.MIN;
                if (data.kind() == ValueKind.LONG) {
                    long[] values = data.longs();
                    for (int i = 0; i < rows; i++) {
                        int r = positions[i];
                        if (!(withNulls && data.isNull(r))) {
                            int g = groupIds[i];
                            long v = values[r];
                            if (count[g]++ == 0 || (isMin ? v < longState[g] : v > longState[g])) {
                                longState[g] = v;
                            }
                        }
                    }
                } else {
                    double[] values = data.doubles();
                    for (int i = 0; i < rows; i++) {
                        int r = positions[i];
                        if (!(withNulls && data.isNull(r))) {
                            int g = groupIds[i];
                            double v = values[r];
                            if (count[g]++ == 0 || (isMin ? v < doubleState[g] : v > doubleState[g])) {
                                doubleState[g] = v;
                            }
                        }
                    }
                }
            }
        }
    }

    /** Encodes row {@code row}'s key (a null marker byte, then the value) and returns its group id. */
    private int findOrInsert(int row) {
        int length = 0;
        for (int k = 0; k < keyColumns.length; k++) {
            ColumnData data = keyData[k];
            int at = keyIds[k] == null ? row : keyIds[k][row];
            if (data.isNull(at)) {
                length = keyEncoder.putByte(length, (byte) 1);
                continue;
            }
            length = keyEncoder.putByte(length, (byte) 0);
            length = keyEncoder.putValue(length, data, keyKinds[k], at);
        }
        byte[] scratch = keyEncoder.bytes();
        return findOrInsert(scratch, 0, length, KeyEncoder.hash(scratch, length));
    }

    /** The group of entry {@code entry} of the single key's loaded values (not through ids). */
    private int findOrInsertValue(int entry) {
        ColumnData data = keyData[0];
        int length;
        if (data.isNull(entry)) {
            length = keyEncoder.putByte(0, (byte) 1);
        } else {
            length = keyEncoder.putByte(0, (byte) 0);
            length = keyEncoder.putValue(length, data, keyKinds[0], entry);
        }
        byte[] scratch = keyEncoder.bytes();
        return findOrInsert(scratch, 0, length, KeyEncoder.hash(scratch, length));
    }

    /** The group of the encoded key {@code bytes[offset, offset + length)} whose hash is {@code hash}, inserted when new. */
    private int findOrInsert(byte[] bytes, int offset, int length, int hash) {
        int mask = table.length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = table[slot];
            if (entry == 0) {
                int group = insert(bytes, offset, length, hash);
                table[slot] = group + 1;
                if (groupCount * 2 > table.length) {
                    rehash();
                }
                return group;
            }
            int group = entry - 1;
            if (keyHashes[group] == hash) {
                int start = keyOffsets[group];
                int end = keyOffsets[group + 1];
                if (end - start == length && Arrays.equals(keyHeap, start, end, bytes, offset, offset + length)) {
                    return group;
                }
            }
        }
    }

    private int insert(byte[] bytes, int offset, int length, int hash) {
        int group = newGroup();
        if (heapSize + length > keyHeap.length) {
            keyHeap = Arrays.copyOf(keyHeap, Math.max(heapSize + length, keyHeap.length * 2));
        }
        System.arraycopy(bytes, offset, keyHeap, heapSize, length);
        keyOffsets[group] = heapSize;
        heapSize += length;
        keyOffsets[group + 1] = heapSize;
        keyHashes[group] = hash;
        return group;
    }

    /** A new group id, with room for its key and accumulators. */
    private int newGroup() {
        int group = groupCount++;
        if (groupCount + 1 >= keyOffsets.length) {
            int capacity = keyOffsets.length * 2;
            keyOffsets = Arrays.copyOf(keyOffsets, capacity);
            keyHashes = Arrays.copyOf(keyHashes, capacity);
            if (longKeys != null) {
                longKeys = Arrays.copyOf(longKeys, capacity);
                longKeyNull = Arrays.copyOf(longKeyNull, capacity);
            }
            for (int a = 0; a < aggregates.size(); a++) {
                longStates[a] = Arrays.copyOf(longStates[a], capacity);
                doubleStates[a] = Arrays.copyOf(doubleStates[a], capacity);
                counts[a] = Arrays.copyOf(counts[a], capacity);
            }
        }
        return group;
    }

    private void rehash() {
        int[] bigger = new int[table.length * 2];
        int mask = bigger.length - 1;
        for (int group = 0; group < groupCount; group++) {
            int slot = keyHashes[group] & mask;
            while (bigger[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            bigger[slot] = group + 1;
        }
        table = bigger;
    }

    private void emit(int first, int count) {
        if (outputVectors == null) {
            outputVectors = new ArrayList<>();
            for (Field field : keyFields) {
                outputVectors.add(field.createVector(context.allocator()));
            }
            for (AggregateFunction aggregate : aggregates) {
                outputVectors.add(aggregate.output().createVector(context.allocator()));
            }
            output = new VectorSchemaRoot(outputVectors);
        }
        for (FieldVector vector : outputVectors) {
            vector.clear();
            vector.setInitialCapacity(count);
            vector.allocateNew();
        }
        for (int i = 0; i < count; i++) {
            int group = first + i;
            if (keyColumns.length > 0) {
                decodeKey(group, i);
            }
            for (int a = 0; a < aggregates.size(); a++) {
                writeAggregate(a, group, outputVectors.get(keyColumns.length + a), i);
            }
        }
        for (FieldVector vector : outputVectors) {
            vector.setValueCount(count);
        }
        output.setRowCount(count);
    }

    private void decodeKey(int group, int row) {
        if (longKeys != null) {
            if (longKeyNull[group]) {
                VectorWriter.setNull(outputVectors.get(0), row);
            } else {
                VectorWriter.setLong(outputVectors.get(0), row, longKeys[group]);
            }
            return;
        }
        int position = keyOffsets[group];
        for (int k = 0; k < keyColumns.length; k++) {
            FieldVector vector = outputVectors.get(k);
            if (keyHeap[position++] == 1) {
                VectorWriter.setNull(vector, row);
                continue;
            }
            switch (keyKinds[k]) {
                case LONG -> {
                    VectorWriter.setLong(vector, row, KeyEncoder.getLong(keyHeap, position));
                    position += 8;
                }
                case DOUBLE -> {
                    VectorWriter.setDouble(vector, row, Double.longBitsToDouble(KeyEncoder.getLong(keyHeap, position)));
                    position += 8;
                }
                case BOOLEAN -> VectorWriter.setBoolean(vector, row, keyHeap[position++] == 1);
                case STRING -> {
                    int size = KeyEncoder.getInt(keyHeap, position);
                    position += 4;
                    VectorWriter.setBytes(vector, row, keyHeap, position, size);
                    position += size;
                }
                case MAP -> throw new IllegalStateException("maps cannot be group keys");
            }
        }
    }

    private void writeAggregate(int a, int group, FieldVector vector, int row) {
        AggregateFunction aggregate = aggregates.get(a);
        long count = counts[a][group];
        boolean isDouble = aggregate.argumentKind() == ValueKind.DOUBLE;
        switch (aggregate.function()) {
            case COUNT -> VectorWriter.setLong(vector, row, count);
            case SUM0, SUM, MIN, MAX -> {
                if (count == 0 && aggregate.function() != AggregateFunction.Function.SUM0) {
                    VectorWriter.setNull(vector, row);
                } else if (isDouble) {
                    VectorWriter.setDouble(vector, row, doubleStates[a][group]);
                } else {
                    VectorWriter.setLong(vector, row, longStates[a][group]);
                }
            }
            case AVG -> {
                if (count == 0) {
                    VectorWriter.setNull(vector, row);
                } else if (isDouble) {
                    VectorWriter.setDouble(vector, row, doubleStates[a][group] / count);
                } else {
                    VectorWriter.setLong(vector, row, longStates[a][group] / count);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            if (output != null) {
                output.close();
                output = null;
            }
        } finally {
            input.close();
        }
    }
}
