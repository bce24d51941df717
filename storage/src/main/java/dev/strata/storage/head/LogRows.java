package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;

/** Log rows of a snapshot, streams by ascending id, each stably sorted by time. */
final class LogRows implements RowSource {
    private static final int STREAM_ID = 0;
    private static final int LABELS = 1;
    private static final int TS = 2;
    private static final int LINE = 3;
    private static final int METADATA = 4;
    private static final int TRACE_ID = 5;
    private static final int SPAN_ID = 6;
    private static final int LEVEL = 7;

    private final TenantHead.LogsSnapshot snapshot;
    private final int[] codes;
    private final int[] order;
    private final long[] ids;
    private final Labels[] labels;
    private final TimeRange range;
    private int next;
    private int stream = -1;
    private int[] rowOrder = new int[0];
    private int count;
    private int position;
    private final boolean needsLabels;
    private ArrowColumns.EncodedLabels currentLabels;
    private final String[] levelCache = new String[8];
    private final byte[][] levelBytes = new byte[8][];
    /** Per projected column: labels as one entry per stream run, level as one entry per distinct level of the batch. */
    private final boolean[] dictionary;
    private int[] labelIds = new int[0];
    private int[] levelIds = new int[0];
    private int labelEntries;
    private int levelEntries;
    private String[] levelEntryValues = new String[8];

    LogRows(TenantHead.LogsSnapshot snapshot, TenantRegistry registry, List<String> columns, TimeRange range) {
        this.snapshot = snapshot;
        this.range = range;
        this.codes = new int[columns.size()];
        this.dictionary = new boolean[columns.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = switch (columns.get(i)) {
                case "stream_id" -> STREAM_ID;
                case "labels" -> LABELS;
                case "ts" -> TS;
                case "line" -> LINE;
                case "metadata" -> METADATA;
                case "trace_id" -> TRACE_ID;
                case "span_id" -> SPAN_ID;
                case "level" -> LEVEL;
                default -> throw new IllegalArgumentException("logs has no column " + columns.get(i));
            };
        }
        int n = snapshot.ordinals().length;
        if (snapshot.ids() != null) {
            // a slice: resolved once by the planner, already in id order
            ids = snapshot.ids();
            labels = snapshot.labels();
        } else {
            ids = new long[n];
            labels = new Labels[n];
            registry.streams().resolveOrdinals(snapshot.ordinals(), ids, labels);
        }
        order = TimeOrder.stableOrder(ids, n);
        boolean labelsProjected = false;
        for (int code : codes) {
            labelsProjected |= code == LABELS;
        }
        needsLabels = labelsProjected;
    }

    private boolean advanceStream() {
        while (next < order.length) {
            int s = order[next++];
            int n = snapshot.counts()[s];
            long[] ts = snapshot.timestamps()[s];
            int[] sorted = TimeOrder.stableOrder(ts, n);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (range.contains(ts[sorted[i]])) {
                    sorted[kept++] = sorted[i];
                }
            }
            if (kept > 0) {
                stream = s;
                currentLabels = needsLabels ? ArrowColumns.EncodedLabels.of(labels[s], false) : null;
                rowOrder = sorted;
                count = kept;
                position = 0;
                return true;
            }
        }
        return false;
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        // fixed-width columns are sized once and written straight into their memory, validity per batch
        for (int c = 0; c < codes.length; c++) {
            if (vectors[c] instanceof BaseFixedWidthVector v) {
                while (v.getValueCapacity() < maxRows) {
                    v.reAlloc();
                }
            }
        }
        for (int c = 0; c < codes.length; c++) {
            if (dictionary[c] && codes[c] == LABELS && labelIds.length < maxRows) {
                labelIds = new int[maxRows];
            } else if (dictionary[c] && codes[c] == LEVEL && levelIds.length < maxRows) {
                levelIds = new int[maxRows];
            }
        }
        labelEntries = 0;
        levelEntries = 0;
        int row = 0;
        while (row < maxRows) {
            if (position >= count && !advanceStream()) {
                break;
            }
            int n = Math.min(maxRows - row, count - position);
            for (int c = 0; c < codes.length; c++) {
                FieldVector vector = vectors[c];
                switch (codes[c]) {
                    case STREAM_ID -> {
                        long address = vector.getDataBufferAddress() + ((long) row << 3);
                        long id = ids[stream];
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(address + ((long) i << 3), id);
                        }
                    }
                    // one stream's rows share its labels: encoded once per stream, written a run at a time
                    case LABELS -> {
                        if (dictionary[c]) {
                            ArrowColumns.setRepeated((MapVector) vector, labelEntries, 1, currentLabels);
                            Arrays.fill(labelIds, row, row + n, labelEntries++);
                        } else {
                            ArrowColumns.setRepeated((MapVector) vector, row, n, currentLabels);
                        }
                    }
                    case TS -> {
                        long address = vector.getDataBufferAddress() + ((long) row << 3);
                        long[] ts = snapshot.timestamps()[stream];
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(address + ((long) i << 3), ts[rowOrder[position + i]]);
                        }
                    }
                    case LINE -> setLines((VarCharVector) vector, row, n, snapshot.lines()[stream]);
                    case METADATA -> {
                        Labels[] metadata = snapshot.metadata()[stream];
                        for (int i = 0; i < n; i++) {
                            ArrowColumns.setLabels((MapVector) vector, row + i, metadata[rowOrder[position + i]], false);
                        }
                    }
                    case TRACE_ID -> setStrings((VarCharVector) vector, row, n, snapshot.traceIds()[stream]);
                    case SPAN_ID -> setStrings((VarCharVector) vector, row, n, snapshot.spanIds()[stream]);
                    case LEVEL -> {
                        if (dictionary[c]) {
                            setLevelIds((VarCharVector) vector, row, n, snapshot.levels()[stream]);
                        } else {
                            setLevels((VarCharVector) vector, row, n, snapshot.levels()[stream]);
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            row += n;
            position += n;
        }
        for (int c = 0; c < codes.length; c++) {
            if (vectors[c] instanceof BaseFixedWidthVector v) {
                ArrowColumns.setValid(v.getValidityBuffer(), 0, row);
            }
        }
        return row;
    }

    /**
     * Writes the run's lines (never null) into rows {@code [row, row + n)} straight into the
     * vector's buffers: one capacity check for the offsets, one per line for the data, no
     * per-value bounds, reference-count or hole-filling checks ({@code setSafe} made this loop
     * the head's largest cost on a {@code LIKE} over lines). Rows before {@code row} are written.
     */
    private void setLines(VarCharVector vector, int row, int n, String[] lines) {
        int end = row + n;
        while (vector.getValueCapacity() < end) {
            vector.reallocValidityAndOffsetBuffers();
        }
        int offset = vector.getStartOffset(row);
        long offsets = vector.getOffsetBufferAddress();
        for (int i = 0; i < n; i++) {
            offset = ArrowColumns.putBytes(vector, offset, lines[rowOrder[position + i]].getBytes(StandardCharsets.UTF_8));
            MemoryUtil.putInt(offsets + ((long) (row + i + 1) << 2), offset);
        }
        ArrowColumns.setValid(vector.getValidityBuffer(), row, n);
        vector.setLastSet(end - 1);
    }

    /** Levels are a handful of strings: their UTF-8 bytes are kept in a small cache instead of encoded per row. */
    private void setLevels(VarCharVector vector, int row, int n, String[] values) {
        // written straight into the buffers as lines are; null levels keep an empty value and a clear validity bit
        int end = row + n;
        while (vector.getValueCapacity() < end) {
            vector.reallocValidityAndOffsetBuffers();
        }
        int offset = vector.getStartOffset(row);
        long offsets = vector.getOffsetBufferAddress();
        int nulls = 0;
        for (int i = 0; i < n; i++) {
            String level = values[rowOrder[position + i]];
            if (level == null) {
                nulls++;
            } else {
                int slot = level.hashCode() & (levelCache.length - 1);
                if (!level.equals(levelCache[slot])) {
                    levelCache[slot] = level;
                    levelBytes[slot] = level.getBytes(StandardCharsets.UTF_8);
                }
                offset = ArrowColumns.putBytes(vector, offset, levelBytes[slot]);
            }
            MemoryUtil.putInt(offsets + ((long) (row + i + 1) << 2), offset);
        }
        ArrowBuf validity = vector.getValidityBuffer();
        ArrowColumns.setValid(validity, row, n);
        for (int i = 0; nulls > 0 && i < n; i++) {
            if (values[rowOrder[position + i]] == null) {
                BitVectorHelper.unsetBit(validity, row + i);
                nulls--;
            }
        }
        vector.setLastSet(end - 1);
    }

    /** Names each row's level by its entry; a level not yet in this batch's entries is added (null too). */
    private void setLevelIds(VarCharVector vector, int row, int n, String[] values) {
        String last = null;
        int lastEntry = -1;
        for (int i = 0; i < n; i++) {
            String level = values[rowOrder[position + i]];
            if (lastEntry < 0 || !Objects.equals(level, last)) {
                lastEntry = levelEntry(vector, level);
                last = level;
            }
            levelIds[row + i] = lastEntry;
        }
    }

    private int levelEntry(VarCharVector vector, String level) {
        for (int e = 0; e < levelEntries; e++) {
            if (Objects.equals(levelEntryValues[e], level)) {
                return e;
            }
        }
        if (levelEntries == levelEntryValues.length) {
            levelEntryValues = Arrays.copyOf(levelEntryValues, levelEntries * 2);
        }
        levelEntryValues[levelEntries] = level;
        ArrowColumns.setString(vector, levelEntries, level);
        return levelEntries++;
    }

    @Override
    public boolean requestDictionary(int column) {
        dictionary[column] = codes[column] == LABELS || codes[column] == LEVEL;
        return dictionary[column];
    }

    @Override
    public int[] dictionaryIds(int column) {
        if (!dictionary[column]) {
            return null;
        }
        return codes[column] == LABELS ? labelIds : levelIds;
    }

    @Override
    public int dictionaryEntries(int column) {
        return codes[column] == LABELS ? labelEntries : levelEntries;
    }

    private void setStrings(VarCharVector vector, int row, int n, String[] values) {
        for (int i = 0; i < n; i++) {
            ArrowColumns.setString(vector, row + i, values[rowOrder[position + i]]);
        }
    }
}
