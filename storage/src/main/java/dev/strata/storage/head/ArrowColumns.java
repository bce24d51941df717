package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.AttributeValue;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Writes values into the vectors of the {@code TelemetryTables} layouts: nullable strings and
 * the canonical {@code map<entries: struct<key, value>>} with keys sorted. All methods grow the
 * vectors as needed ({@code setSafe}).
 */
public final class ArrowColumns {
    private ArrowColumns() {}

    public static void setString(VarCharVector vector, int row, String value) {
        if (value == null) {
            vector.setNull(row);
        } else {
            vector.setSafe(row, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A string map from a label set (already sorted by name), optionally without {@code __name__}. */
    public static void setLabels(MapVector vector, int row, Labels labels, boolean withoutMetricName) {
        int start = vector.startNewValue(row);
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
        int n = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (withoutMetricName && labels.name(i).equals(Labels.METRIC_NAME)) {
                continue;
            }
            int at = start + n;
            entries.setIndexDefined(at);
            keys.setSafe(at, labels.name(i).getBytes(StandardCharsets.UTF_8));
            values.setSafe(at, labels.value(i).getBytes(StandardCharsets.UTF_8));
            n++;
        }
        vector.endValue(row, n);
    }

    private static String[] sortedKeys(Map<String, AttributeValue> attributes) {
        String[] keys = attributes.keySet().toArray(new String[0]);
        Arrays.sort(keys);
        return keys;
    }

    /** Every attribute as text (the {@code attributes} column). */
    public static void setAttributeText(MapVector vector, int row, Map<String, AttributeValue> attributes) {
        int start = vector.startNewValue(row);
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
        String[] sorted = sortedKeys(attributes);
        for (int i = 0; i < sorted.length; i++) {
            entries.setIndexDefined(start + i);
            keys.setSafe(start + i, sorted[i].getBytes(StandardCharsets.UTF_8));
            values.setSafe(start + i, attributes.get(sorted[i]).text().getBytes(StandardCharsets.UTF_8));
        }
        vector.endValue(row, sorted.length);
    }

    /** The attributes of one OTLP type again with their type (the {@code *_int/_double/_bool} columns). */
    public static void setTypedAttributes(MapVector vector, int row, Map<String, AttributeValue> attributes, AttributeValue.Type type) {
        int start = vector.startNewValue(row);
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        Object values = entries.getChild(MapVector.VALUE_NAME);
        String[] sorted = sortedKeys(attributes);
        int n = 0;
        for (String key : sorted) {
            AttributeValue value = attributes.get(key);
            if (value.type() != type) {
                continue;
            }
            int at = start + n;
            entries.setIndexDefined(at);
            keys.setSafe(at, key.getBytes(StandardCharsets.UTF_8));
            switch (type) {
                case INT -> ((BigIntVector) values).setSafe(at, value.longValue());
                case DOUBLE -> ((Float8Vector) values).setSafe(at, value.doubleValue());
                case BOOL -> ((BitVector) values).setSafe(at, value.boolValue() ? 1 : 0);
                default -> throw new IllegalArgumentException("no typed column for " + type);
            }
            n++;
        }
        vector.endValue(row, n);
    }

    /** Reads a string map entry list (e.g. {@code labels}) into {@code builder}; the builder is not cleared first. */
    public static void readStringMap(MapVector vector, int row, Labels.Builder builder) {
        if (vector.isNull(row)) {
            return;
        }
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
        int end = vector.getElementEndIndex(row);
        for (int i = vector.getElementStartIndex(row); i < end; i++) {
            builder.add(new String(keys.get(i), StandardCharsets.UTF_8),
                    values.isNull(i) ? "" : new String(values.get(i), StandardCharsets.UTF_8));
        }
    }

    /** A nullable string cell. */
    public static String getString(VarCharVector vector, int row) {
        return vector.isNull(row) ? null : new String(vector.get(row), StandardCharsets.UTF_8);
    }

    /**
     * A label set encoded once for writing into many rows: UTF-8 names and values, optionally
     * without {@code __name__}.
     */
    public record EncodedLabels(byte[][] names, byte[][] values) {
        public static EncodedLabels of(Labels labels, boolean withoutMetricName) {
            int n = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (!(withoutMetricName && labels.name(i).equals(Labels.METRIC_NAME))) {
                    n++;
                }
            }
            byte[][] names = new byte[n][];
            byte[][] values = new byte[n][];
            int at = 0;
            for (int i = 0; i < labels.size(); i++) {
                if (!(withoutMetricName && labels.name(i).equals(Labels.METRIC_NAME))) {
                    names[at] = labels.name(i).getBytes(StandardCharsets.UTF_8);
                    values[at] = labels.value(i).getBytes(StandardCharsets.UTF_8);
                    at++;
                }
            }
            return new EncodedLabels(names, values);
        }
    }

    /** Writes a pre-encoded label set as the string map of {@code row}. */
    public static void setLabels(MapVector vector, int row, EncodedLabels labels) {
        int start = vector.startNewValue(row);
        StructVector entries = (StructVector) vector.getDataVector();
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
        byte[][] names = labels.names();
        for (int i = 0; i < names.length; i++) {
            entries.setIndexDefined(start + i);
            keys.setSafe(start + i, names[i]);
            values.setSafe(start + i, labels.values()[i]);
        }
        vector.endValue(row, names.length);
    }

    /**
     * Copies {@code bytes} into the data buffer of {@code vector} at byte {@code offset}, growing
     * the buffer when needed, and returns the offset after them. No bounds or reference-count
     * checks per value: callers write offsets and validity themselves, once per run.
     */
    static int putBytes(VarCharVector vector, int offset, byte[] bytes) {
        int next = offset + bytes.length;
        while (vector.getDataBuffer().capacity() < next) {
            vector.reallocDataBuffer();
        }
        MemoryUtil.copyToMemory(bytes, 0, vector.getDataBufferAddress() + offset, bytes.length);
        return next;
    }

    /**
     * Writes {@code value} into rows {@code [row, row + n)}: one capacity check for the run, then
     * offsets and bytes straight into the buffers. Rows before {@code row} must already be
     * written (their end offset is where this run starts).
     */
    public static void setRepeated(VarCharVector vector, int row, int n, byte[] value) {
        int end = row + n;
        while (vector.getValueCapacity() < end) {
            vector.reallocValidityAndOffsetBuffers();
        }
        int start = vector.getStartOffset(row);
        writeRepeated(vector, row, start, n, new byte[][] {value});
        vector.setLastSet(end - 1);
    }

    /** Writes {@code labels} as the string map of rows {@code [row, row + n)}; earlier rows must be written. */
    public static void setRepeated(MapVector vector, int row, int n, EncodedLabels labels) {
        int end = row + n;
        while (vector.getValueCapacity() < end) {
            vector.reAlloc();
        }
        StructVector entries = (StructVector) vector.getDataVector();
        int k = labels.names().length;
        int first = vector.getOffsetBuffer().getInt((long) row * 4);
        long offsets = vector.getOffsetBufferAddress();
        int entry = first;
        for (int r = row; r < end; r++) {
            entry += k;
            MemoryUtil.putInt(offsets + ((long) (r + 1) << 2), entry);
        }
        setValid(vector.getValidityBuffer(), row, n);
        vector.setLastSet(end - 1);
        if (k == 0) {
            return;
        }
        int entryEnd = first + n * k;
        while (entries.getValueCapacity() < entryEnd) {
            entries.reAlloc();
        }
        setValid(entries.getValidityBuffer(), first, n * k);
        VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
        VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
        writeRepeated(keys, first, keys.getStartOffset(first), n, labels.names());
        keys.setLastSet(entryEnd - 1);
        writeRepeated(values, first, values.getStartOffset(first), n, labels.values());
        values.setLastSet(entryEnd - 1);
    }

    /**
     * Writes {@code n} repeats of {@code pattern} as values {@code from ...}, data from byte
     * {@code start}; capacity for the values is there. The first repeat is copied value by value,
     * the rest of the data by doubling copies of what is already written (log2(n) copies instead of
     * one small copy per value: small copies dominated label maps and metric names in head scans).
     */
    private static void writeRepeated(VarCharVector vector, int from, int start, int n, byte[][] pattern) {
        if (n == 0) {
            return;
        }
        long runBytes = 0;
        for (byte[] value : pattern) {
            runBytes += value.length;
        }
        long needed = start + runBytes * n;
        while (vector.getDataBuffer().capacity() < needed) {
            vector.reallocDataBuffer();
        }
        long offsets = vector.getOffsetBufferAddress();
        long data = vector.getDataBufferAddress();
        int offset = start;
        int at = from;
        for (byte[] value : pattern) {
            MemoryUtil.copyToMemory(value, 0, data + offset, value.length);
            offset += value.length;
            at++;
            MemoryUtil.putInt(offsets + ((long) at << 2), offset);
        }
        long total = runBytes * n;
        long written = runBytes;
        while (written < total) {
            long chunk = Math.min(written, total - written);
            MemoryUtil.copyMemory(data + start, data + start + written, chunk);
            written += chunk;
        }
        for (int r = 1; r < n; r++) {
            for (byte[] value : pattern) {
                offset += value.length;
                at++;
                MemoryUtil.putInt(offsets + ((long) at << 2), offset);
            }
        }
        setValid(vector.getValidityBuffer(), from, n * pattern.length);
    }

    /** Sets validity bits {@code [from, from + count)}; the buffer must hold them. */
    public static void setValid(ArrowBuf validity, int from, int count) {
        int end = from + count;
        if (((long) end + 7) >>> 3 > validity.capacity()) {
            throw new IndexOutOfBoundsException("validity buffer of " + validity.capacity() + " bytes cannot hold bit " + (end - 1));
        }
        long address = validity.memoryAddress();
        int i = from;
        while (i < end && (i & 7) != 0) {
            setBit(address, i++);
        }
        int fullBytes = (end - i) >>> 3;
        if (fullBytes > 0) {
            MemoryUtil.setMemory(address + (i >>> 3), fullBytes, (byte) 0xff);
            i += fullBytes << 3;
        }
        while (i < end) {
            setBit(address, i++);
        }
    }

    private static void setBit(long address, int bit) {
        long at = address + (bit >>> 3);
        MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | 1 << (bit & 7)));
    }
}
