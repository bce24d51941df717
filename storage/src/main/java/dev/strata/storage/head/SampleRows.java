package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;

/** Sample rows of a snapshot, series by ascending id, each sorted by time with duplicates reduced to the last. */
final class SampleRows implements RowSource {
    private static final int SERIES_ID = 0;
    private static final int METRIC = 1;
    private static final int LABELS = 2;
    private static final int TS = 3;
    private static final int VALUE = 4;

    private final TenantHead.SamplesSnapshot snapshot;
    private final int[] codes;
    private final int[] order;
    private final long[] ids;
    private final Labels[] labels;
    private final long startMillis;
    private final long endMillis;
    private int next;
    private long[] ts = new long[0];
    private double[] values = new double[0];
    private int count;
    private int position;
    private long currentId;
    private byte[] currentMetric;
    private ArrowColumns.EncodedLabels currentEncoded;
    private final boolean needsLabels;
    private final boolean needsMetric;
    /** Per projected column: written as one entry per series run, {@code entryIds} naming each row's. */
    private final boolean[] dictionary;
    private int[] entryIds = new int[0];
    private int entries;

    SampleRows(TenantHead.SamplesSnapshot snapshot, TenantRegistry registry, List<String> columns, TimeRange range) {
        this.snapshot = snapshot;
        this.codes = new int[columns.size()];
        this.dictionary = new boolean[columns.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = switch (columns.get(i)) {
                case "series_id" -> SERIES_ID;
                case "metric" -> METRIC;
                case "labels" -> LABELS;
                case "ts" -> TS;
                case "value" -> VALUE;
                default -> throw new IllegalArgumentException("samples has no column " + columns.get(i));
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
            registry.series().resolveOrdinals(snapshot.ordinals(), ids, labels);
        }
        order = TimeOrder.stableOrder(ids, n);
        boolean labelsProjected = false;
        boolean metricProjected = false;
        for (int code : codes) {
            labelsProjected |= code == LABELS;
            metricProjected |= code == METRIC;
        }
        needsLabels = labelsProjected;
        needsMetric = metricProjected;
        startMillis = range.startNanos() == Long.MIN_VALUE ? Long.MIN_VALUE : -Math.floorDiv(-range.startNanos(), 1_000_000L);
        endMillis = range.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(range.endNanos(), 1_000_000L);
    }

    private boolean advanceSeries() {
        while (next < order.length) {
            int s = order[next++];
            SeriesChunks.View view = snapshot.series()[s];
            int samples = view.samples();
            if (ts.length < samples) {
                ts = new long[Math.max(samples, ts.length * 2)];
                values = new double[ts.length];
            }
            // chunks entirely outside the range are skipped; a kept chunk holds every repeat of its timestamps
            int n = view.decode(startMillis, endMillis, ts, values);
            if (!view.ordered()) {
                TimeOrder.sortPairs(ts, values, n);
                n = TimeOrder.keepLastOfEqual(ts, values, n);
            }
            int from = n > 0 && ts[0] >= startMillis ? 0 : firstAtLeast(ts, n, startMillis);
            int to = n > 0 && ts[n - 1] <= endMillis ? n : firstAtLeast(ts, n, endMillis == Long.MAX_VALUE ? endMillis : endMillis + 1);
            if (from < to) {
                position = from;
                count = to;
                currentId = ids[s];
                if (needsMetric) {
                    String metric = labels[s].metricName();
                    currentMetric = (metric == null ? "" : metric).getBytes(StandardCharsets.UTF_8);
                }
                currentEncoded = needsLabels ? ArrowColumns.EncodedLabels.of(labels[s], true) : null;
                return true;
            }
        }
        return false;
    }

    /** The first index of sorted {@code ts[0..n)} holding a time ≥ {@code t} ({@code n} if none). */
    private static int firstAtLeast(long[] ts, int n, long t) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        // fixed-width columns are sized once and written straight into their memory (no per-value
        // bounds or reference-count checks); validity bits are set for the whole batch at the end
        for (int c = 0; c < codes.length; c++) {
            if (vectors[c] instanceof BaseFixedWidthVector v) {
                while (v.getValueCapacity() < maxRows) {
                    v.reAlloc();
                }
            }
        }
        boolean anyDictionary = false;
        for (boolean d : dictionary) {
            anyDictionary |= d;
        }
        if (anyDictionary && entryIds.length < maxRows) {
            entryIds = new int[maxRows];
        }
        entries = 0;
        int row = 0;
        while (row < maxRows) {
            if (position >= count && !advanceSeries()) {
                break;
            }
            int n = Math.min(maxRows - row, count - position);
            if (anyDictionary) {
                // every pass of this loop is one run of one series: one entry
                Arrays.fill(entryIds, row, row + n, entries);
            }
            for (int c = 0; c < codes.length; c++) {
                FieldVector vector = vectors[c];
                switch (codes[c]) {
                    case SERIES_ID -> {
                        long address = vector.getDataBufferAddress() + ((long) row << 3);
                        long id = currentId;
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(address + ((long) i << 3), id);
                        }
                    }
                    case METRIC -> {
                        if (dictionary[c]) {
                            ArrowColumns.setRepeated((VarCharVector) vector, entries, 1, currentMetric);
                        } else {
                            ArrowColumns.setRepeated((VarCharVector) vector, row, n, currentMetric);
                        }
                    }
                    case LABELS -> {
                        if (dictionary[c]) {
                            ArrowColumns.setRepeated((MapVector) vector, entries, 1, currentEncoded);
                        } else {
                            ArrowColumns.setRepeated((MapVector) vector, row, n, currentEncoded);
                        }
                    }
                    case TS -> {
                        long address = vector.getDataBufferAddress() + ((long) row << 3);
                        long[] from = ts;
                        int p = position;
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(address + ((long) i << 3), from[p + i]);
                        }
                    }
                    case VALUE -> {
                        long address = vector.getDataBufferAddress() + ((long) row << 3);
                        double[] from = values;
                        int p = position;
                        for (int i = 0; i < n; i++) {
                            MemoryUtil.putLong(address + ((long) i << 3), Double.doubleToRawLongBits(from[p + i]));
                        }
                    }
                    default -> throw new IllegalStateException();
                }
            }
            row += n;
            position += n;
            entries++;
        }
        for (int c = 0; c < codes.length; c++) {
            if (vectors[c] instanceof BaseFixedWidthVector v) {
                ArrowColumns.setValid(v.getValidityBuffer(), 0, row);
            }
        }
        return row;
    }

    @Override
    public boolean requestDictionary(int column) {
        dictionary[column] = codes[column] == METRIC || codes[column] == LABELS;
        return dictionary[column];
    }

    @Override
    public int[] dictionaryIds(int column) {
        return dictionary[column] ? entryIds : null;
    }

    @Override
    public int dictionaryEntries(int column) {
        return entries;
    }
}
