package dev.strata.engine.series.exec;


import dev.strata.engine.series.RawSeries;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import static java.util.Objects.requireNonNull;

/**
 * Cuts the scanned samples into one time-sorted run per series, keeping only series whose labels
 * satisfy every matcher (the store's pushdown is a hint) and the last sample of duplicate timestamps.
 */
public final class SeriesDivide implements SeriesNode {
    private final SamplesScan scan;

    public SeriesDivide(SamplesScan scan) {
        this.scan = requireNonNull(scan, "scan is null");
    }

    @Override
    public List<RawSeries> series(EvalContext context) {
        List<RawSeries> out = new ArrayList<>();
        for (SamplesScan.SeriesBuilder b : scan.scan(context)) {
            boolean keep = true;
            for (LabelMatcher m : scan.matchers()) {
                if (!m.matches(b.labels)) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                out.add(sorted(b));
            }
        }
        out.sort(Comparator.comparing(RawSeries::labels));
        return out;
    }

    private static RawSeries sorted(SamplesScan.SeriesBuilder b) {
        boolean ordered = true;
        for (int i = 1; i < b.size; i++) {
            if (b.ts[i] <= b.ts[i - 1]) {
                ordered = false;
                break;
            }
        }
        if (ordered) {
            return new RawSeries(b.labels, b.ts, b.values, b.size);
        }
        Integer[] order = new Integer[b.size];
        for (int i = 0; i < b.size; i++) {
            order[i] = i;
        }
        // stable: the later of two equal timestamps wins below
        java.util.Arrays.sort(order, Comparator.comparingLong(i -> b.ts[i]));
        long[] ts = new long[b.size];
        double[] vs = new double[b.size];
        int n = 0;
        for (int k = 0; k < b.size; k++) {
            int i = order[k];
            if (n > 0 && ts[n - 1] == b.ts[i]) {
                vs[n - 1] = b.values[i];
                continue;
            }
            ts[n] = b.ts[i];
            vs[n] = b.values[i];
            n++;
        }
        return new RawSeries(b.labels, ts, vs, n);
    }
}
