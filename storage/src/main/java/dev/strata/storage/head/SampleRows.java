package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BitVectorHelper;
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
    private Labels currentLabels;
    private ArrowColumns.EncodedLabels currentEncoded;
    private final boolean needsLabels;

    SampleRows(TenantHead.SamplesSnapshot snapshot, TenantRegistry registry, List<String> columns, TimeRange range) {
        this.snapshot = snapshot;
        this.codes = new int[columns.size()];
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
        ids = new long[n];
        labels = new Labels[n];
        for (int i = 0; i < n; i++) {
            ids[i] = registry.series().id(snapshot.ordinals()[i]);
            labels[i] = registry.series().labels(snapshot.ordinals()[i]);
        }
        order = TimeOrder.stableOrder(ids, n);
        boolean labelsProjected = false;
        for (int code : codes) {
            labelsProjected |= code == LABELS;
        }
        needsLabels = labelsProjected;
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
            TimeOrder.sortPairs(ts, values, n);
            n = TimeOrder.keepLastOfEqual(ts, values, n);
            int from = 0;
            while (from < n && ts[from] < startMillis) {
                from++;
            }
            int to = n;
            while (to > from && ts[to - 1] > endMillis) {
                to--;
            }
            if (from < to) {
                position = from;
                count = to;
                currentId = ids[s];
                currentLabels = labels[s];
                String metric = currentLabels.metricName();
                currentMetric = (metric == null ? "" : metric).getBytes(StandardCharsets.UTF_8);
                currentEncoded = needsLabels ? ArrowColumns.EncodedLabels.of(currentLabels, true) : null;
                return true;
            }
        }
        return false;
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        // fixed-width columns are sized once and written straight into their data buffers; their
        // validity bits are set for the whole batch at the end
        for (int c = 0; c < codes.length; c++) {
            if (vectors[c] instanceof BaseFixedWidthVector v) {
                while (v.getValueCapacity() < maxRows) {
                    v.reAlloc();
                }
            }
        }
        int row = 0;
        while (row < maxRows) {
            if (position >= count && !advanceSeries()) {
                break;
            }
            int n = Math.min(maxRows - row, count - position);
            for (int c = 0; c < codes.length; c++) {
                FieldVector vector = vectors[c];
                switch (codes[c]) {
                    case SERIES_ID -> {
                        ArrowBuf data = vector.getDataBuffer();
                        for (int i = 0; i < n; i++) {
                            data.setLong((long) (row + i) << 3, currentId);
                        }
                    }
                    case METRIC -> {
                        VarCharVector v = (VarCharVector) vector;
                        for (int i = 0; i < n; i++) {
                            v.setSafe(row + i, currentMetric);
                        }
                    }
                    case LABELS -> {
                        MapVector v = (MapVector) vector;
                        for (int i = 0; i < n; i++) {
                            ArrowColumns.setLabels(v, row + i, currentEncoded);
                        }
                    }
                    case TS -> {
                        ArrowBuf data = vector.getDataBuffer();
                        for (int i = 0; i < n; i++) {
                            data.setLong((long) (row + i) << 3, ts[position + i]);
                        }
                    }
                    case VALUE -> {
                        ArrowBuf data = vector.getDataBuffer();
                        for (int i = 0; i < n; i++) {
                            data.setDouble((long) (row + i) << 3, values[position + i]);
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
                markValid(v.getValidityBuffer(), row);
            }
        }
        return row;
    }

    /** Sets the validity bits of rows {@code [0, rows)}. */
    private static void markValid(ArrowBuf validity, int rows) {
        int fullBytes = rows >>> 3;
        if (fullBytes > 0) {
            validity.setOne(0, fullBytes);
        }
        for (int i = fullBytes << 3; i < rows; i++) {
            BitVectorHelper.setBit(validity, i);
        }
    }
}
