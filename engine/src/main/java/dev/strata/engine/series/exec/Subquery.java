package dev.strata.engine.series.exec;


import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** A subquery: its inner expression evaluated on its own grid, presented as raw series (one sample per step). */
public final class Subquery implements SeriesNode {
    private final StepNode inner;

    public Subquery(StepNode inner) {
        this.inner = requireNonNull(inner, "inner is null");
    }

    @Override
    public List<RawSeries> series(EvalContext context) {
        StepVector v = inner.evaluate(context);
        int steps = v.grid().steps();
        List<RawSeries> out = new ArrayList<>();
        for (StepSeries s : v.series()) {
            long[] ts = new long[steps];
            double[] vs = new double[steps];
            int n = 0;
            for (int i = 0; i < steps; i++) {
                if (s.present()[i]) {
                    ts[n] = v.grid().at(i);
                    vs[n++] = s.values()[i];
                }
            }
            if (n > 0) {
                out.add(new RawSeries(s.finish().labels(), ts, vs, n));
            }
        }
        out.sort(java.util.Comparator.comparing(RawSeries::labels));
        return out;
    }
}
