package dev.strata.engine.series.exec;


import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.TimeShift;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/**
 * Aligns each series to the step grid: at step t the value is the newest sample in
 * {@code (t' - lookback, t']} with {@code t'} the shifted time, unless that sample is a staleness
 * marker. With {@code timestamps} the value is that sample's time in seconds ({@code timestamp()}).
 */
public final class InstantAlign implements StepNode {
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    private final SeriesNode input;
    private final EvalGrid grid;
    private final long lookbackMs;
    private final TimeShift shift;
    private final boolean timestamps;

    public InstantAlign(SeriesNode input, EvalGrid grid, long lookbackMs, TimeShift shift, boolean timestamps) {
        this.input = requireNonNull(input, "input is null");
        this.grid = requireNonNull(grid, "grid is null");
        this.lookbackMs = lookbackMs;
        this.shift = requireNonNull(shift, "shift is null");
        this.timestamps = timestamps;
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        int steps = grid.steps();
        List<StepSeries> out = new ArrayList<>();
        // the series may be borrowed (valid during the call): the step arrays copy what is kept
        input.forEach(context, s -> {
            StepSeries aligned = StepSeries.empty(s.labels(), steps);
            boolean any = false;
            for (int i = 0; i < steps; i++) {
                long t = shift.apply(grid.at(i));
                int idx = s.upperBound(t) - 1;
                if (idx < 0 || s.ts()[idx] <= t - lookbackMs) {
                    continue;
                }
                double v = s.values()[idx];
                if (Double.doubleToRawLongBits(v) == STALE_NAN_BITS) {
                    continue;
                }
                aligned.values()[i] = timestamps ? s.ts()[idx] / 1000.0 : v;
                aligned.present()[i] = true;
                any = true;
            }
            if (any) {
                out.add(timestamps ? aligned.withDropName(true) : aligned);
            }
        });
        return new StepVector(grid, out);
    }
}
