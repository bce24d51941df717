package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.RawSeries;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Cuts the scanned samples into one time-sorted run per series, keeping only series whose labels
 * satisfy every matcher (the store's pushdown is a hint) and the last sample of duplicate timestamps.
 * {@link #forEach} gathers each series from the scan's arenas into one pair of arrays reused for
 * every series, so a query holds its samples off-heap and one series on the heap.
 */
public final class SeriesDivide implements SeriesNode {
    private final SamplesScan scan;

    public SeriesDivide(SamplesScan scan) {
        this.scan = requireNonNull(scan, "scan is null");
    }

    @Override
    public List<RawSeries> series(EvalContext context) {
        List<RawSeries> out = new ArrayList<>();
        divide(context, false, out::add);
        return out;
    }

    @Override
    public void forEach(EvalContext context, Consumer<RawSeries> sink) {
        divide(context, true, sink);
    }

    /** With {@code borrow}, the series handed over share one pair of arrays, valid during the call. */
    private void divide(EvalContext context, boolean borrow, Consumer<RawSeries> sink) {
        try (SamplesScan.Scanned scanned = scan.scan(context)) {
            List<SamplesScan.SeriesBuilder> kept = new ArrayList<>();
            int longest = 0;
            for (SamplesScan.SeriesBuilder b : scanned.series()) {
                if (matchesAll(b)) {
                    kept.add(b);
                    longest = Math.max(longest, b.size);
                }
            }
            // stable, as the sort of the divided series was: equal label sets keep scan order
            kept.sort(Comparator.comparing(b -> b.labels));
            long[] sharedTs = borrow ? new long[longest] : null;
            double[] sharedValues = borrow ? new double[longest] : null;
            for (SamplesScan.SeriesBuilder b : kept) {
                long[] ts = borrow ? sharedTs : new long[b.size];
                double[] values = borrow ? sharedValues : new double[b.size];
                b.copyTo(ts, values);
                sink.accept(sorted(b, ts, values));
            }
        }
    }

    private boolean matchesAll(SamplesScan.SeriesBuilder b) {
        for (LabelMatcher m : scan.matchers()) {
            if (!m.matches(b.labels)) {
                return false;
            }
        }
        return true;
    }

    /** The series of {@code b}'s samples, gathered in {@code ts} and {@code values}: sorted by time, last of equal times kept. */
    private static RawSeries sorted(SamplesScan.SeriesBuilder b, long[] ts, double[] values) {
        int size = b.size;
        boolean ordered = true;
        for (int i = 1; i < size; i++) {
            if (ts[i] <= ts[i - 1]) {
                ordered = false;
                break;
            }
        }
        if (ordered) {
            return new RawSeries(b.labels, ts, values, size);
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // stable: the later of two equal timestamps wins below
        Arrays.sort(order, Comparator.comparingLong(i -> ts[i]));
        long[] sortedTs = new long[size];
        double[] sortedValues = new double[size];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = order[k];
            if (n > 0 && sortedTs[n - 1] == ts[i]) {
                sortedValues[n - 1] = values[i];
                continue;
            }
            sortedTs[n] = ts[i];
            sortedValues[n] = values[i];
            n++;
        }
        return new RawSeries(b.labels, sortedTs, sortedValues, n);
    }
}
