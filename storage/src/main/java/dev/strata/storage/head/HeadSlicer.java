package dev.strata.storage.head;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one tenant's snapshot of a head generation into slices that a query's workers read
 * concurrently, as a part is cut at row groups: each slice holds whole series (streams) of a
 * contiguous range in ascending id order, so the slices in order return exactly the rows, in
 * exactly the order, of the whole snapshot, and no series is read by two workers. A slice shares
 * the snapshot's immutable views (no copy) and carries its ids and labels resolved once.
 *
 * <p>Slices are sized by rows: about {@code targetRows} each, but at most {@code maxSlices} per
 * snapshot (more rows make larger slices), and never more than the series. Samples count only the
 * chunks that may hold rows in the scanned range; series (streams) without any are left out.
 *
 * @param targetRows rows a slice should hold at least (unless the snapshot holds fewer)
 * @param maxSlices slices per snapshot at most
 */
public record HeadSlicer(long targetRows, int maxSlices) {
    public HeadSlicer {
        if (targetRows <= 0) {
            throw new IllegalArgumentException("targetRows must be positive: " + targetRows);
        }
        if (maxSlices <= 0) {
            throw new IllegalArgumentException("maxSlices must be positive: " + maxSlices);
        }
    }

    /** The slices of a samples snapshot over {@code range} (ns), in ascending series id order; empty when no chunk overlaps it. */
    public List<TenantHead.SamplesSnapshot> slice(TenantHead.SamplesSnapshot snapshot, LabelSetRegistry series, TimeRange range) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(series, "series is null");
        requireNonNull(range, "range is null");
        int[] ordinals = snapshot.ordinals();
        SeriesChunks.View[] views = snapshot.series();
        long minMillis = range.startNanos() == Long.MIN_VALUE ? Long.MIN_VALUE : -Math.floorDiv(-range.startNanos(), 1_000_000L);
        long maxMillis = range.endNanos() == Long.MAX_VALUE ? Long.MAX_VALUE : Math.floorDiv(range.endNanos(), 1_000_000L);
        // keep the series with a chunk in the range, with the rows those chunks hold
        int n = 0;
        int[] kept = new int[ordinals.length];
        long[] rows = new long[ordinals.length];
        for (int i = 0; i < ordinals.length; i++) {
            long r = rowsWithin(views[i], minMillis, maxMillis);
            if (r > 0) {
                kept[n] = i;
                rows[n++] = r;
            }
        }
        int[] keptOrdinals = new int[n];
        for (int i = 0; i < n; i++) {
            keptOrdinals[i] = ordinals[kept[i]];
        }
        long[] ids = new long[n];
        Labels[] labels = new Labels[n];
        series.resolveOrdinals(keptOrdinals, ids, labels);
        int[] order = TimeOrder.stableOrder(ids, n);
        long[] rowsInOrder = new long[n];
        for (int i = 0; i < n; i++) {
            rowsInOrder[i] = rows[order[i]];
        }
        int[] cuts = cuts(rowsInOrder, n);
        List<TenantHead.SamplesSnapshot> slices = new ArrayList<>(cuts.length - 1);
        for (int j = 0; j + 1 < cuts.length; j++) {
            int from = cuts[j];
            int size = cuts[j + 1] - from;
            int[] sliceOrdinals = new int[size];
            SeriesChunks.View[] sliceViews = new SeriesChunks.View[size];
            long[] sliceIds = new long[size];
            Labels[] sliceLabels = new Labels[size];
            for (int i = 0; i < size; i++) {
                int k = order[from + i];
                sliceOrdinals[i] = keptOrdinals[k];
                sliceViews[i] = views[kept[k]];
                sliceIds[i] = ids[k];
                sliceLabels[i] = labels[k];
            }
            slices.add(new TenantHead.SamplesSnapshot(sliceOrdinals, sliceViews, sliceIds, sliceLabels));
        }
        return slices;
    }

    /** The slices of a logs snapshot, in ascending stream id order; empty when it holds no line. */
    public List<TenantHead.LogsSnapshot> slice(TenantHead.LogsSnapshot snapshot, LabelSetRegistry streams) {
        requireNonNull(snapshot, "snapshot is null");
        requireNonNull(streams, "streams is null");
        // streams whose appends were all empty hold no line to read
        int n = 0;
        int[] kept = new int[snapshot.ordinals().length];
        for (int i = 0; i < kept.length; i++) {
            if (snapshot.counts()[i] > 0) {
                kept[n++] = i;
            }
        }
        int[] ordinals = new int[n];
        for (int i = 0; i < n; i++) {
            ordinals[i] = snapshot.ordinals()[kept[i]];
        }
        long[] ids = new long[n];
        Labels[] labels = new Labels[n];
        streams.resolveOrdinals(ordinals, ids, labels);
        int[] order = TimeOrder.stableOrder(ids, n);
        long[] rowsInOrder = new long[n];
        for (int i = 0; i < n; i++) {
            rowsInOrder[i] = snapshot.counts()[kept[order[i]]];
        }
        int[] cuts = cuts(rowsInOrder, n);
        List<TenantHead.LogsSnapshot> slices = new ArrayList<>(cuts.length - 1);
        for (int j = 0; j + 1 < cuts.length; j++) {
            int from = cuts[j];
            int size = cuts[j + 1] - from;
            int[] sliceOrdinals = new int[size];
            int[] counts = new int[size];
            long[][] ts = new long[size][];
            String[][] lines = new String[size][];
            Labels[][] metadata = new Labels[size][];
            String[][] traceIds = new String[size][];
            String[][] spanIds = new String[size][];
            String[][] levels = new String[size][];
            long[] sliceIds = new long[size];
            Labels[] sliceLabels = new Labels[size];
            for (int i = 0; i < size; i++) {
                int k = order[from + i];
                int s = kept[k];
                sliceOrdinals[i] = ordinals[k];
                counts[i] = snapshot.counts()[s];
                ts[i] = snapshot.timestamps()[s];
                lines[i] = snapshot.lines()[s];
                metadata[i] = snapshot.metadata()[s];
                traceIds[i] = snapshot.traceIds()[s];
                spanIds[i] = snapshot.spanIds()[s];
                levels[i] = snapshot.levels()[s];
                sliceIds[i] = ids[k];
                sliceLabels[i] = labels[k];
            }
            slices.add(new TenantHead.LogsSnapshot(sliceOrdinals, counts, ts, lines, metadata, traceIds, spanIds, levels, sliceIds,
                    sliceLabels));
        }
        return slices;
    }

    /**
     * Where to cut {@code n} entries holding {@code rows[i] > 0} rows each: slice {@code j}
     * holds entries {@code [cuts[j], cuts[j + 1])}. Each slice closes once the running total
     * reaches its share of the whole, so slices come out even up to one entry.
     */
    int[] cuts(long[] rows, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            total += rows[i];
        }
        if (total == 0) {
            return new int[] {0};
        }
        long wanted = Math.min(Math.min(maxSlices, n), Math.max(1, (total + targetRows - 1) / targetRows));
        int[] cuts = new int[(int) wanted + 1];
        int count = 1;
        long running = 0;
        for (int i = 0; i < n; i++) {
            running += rows[i];
            // the end of slice (count - 1) is at the count-th share of the total
            if (count < wanted && i + 1 < n && running * wanted >= total * count) {
                cuts[count++] = i + 1;
            }
        }
        cuts[count++] = n;
        return Arrays.copyOf(cuts, count);
    }

    /** Samples of {@code view} in chunks that overlap {@code [minMillis, maxMillis]} (an upper bound on those in range). */
    private static long rowsWithin(SeriesChunks.View view, long minMillis, long maxMillis) {
        long n = 0;
        long[] bounds = view.bounds();
        for (int i = 0; i < view.closed(); i++) {
            if (bounds[2 * i + 1] >= minMillis && bounds[2 * i] <= maxMillis) {
                n += view.chunkSamples()[i];
            }
        }
        if (view.openSamples() > 0 && view.openMax() >= minMillis && view.openMin() <= maxMillis) {
            n += view.openSamples();
        }
        return n;
    }
}
