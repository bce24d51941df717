package dev.strata.engine.series.exec;


import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.TimeShift;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** A range vector as a query result: each series' samples in {@code (t' - range, t']}, stale markers dropped. */
public final class RangeSelect implements SeriesNode {
    private final SeriesNode input;
    private final long timeMs;
    private final long rangeMs;
    private final TimeShift shift;

    public RangeSelect(SeriesNode input, long timeMs, long rangeMs, TimeShift shift) {
        this.input = requireNonNull(input, "input is null");
        this.timeMs = timeMs;
        this.rangeMs = rangeMs;
        this.shift = requireNonNull(shift, "shift is null");
    }

    @Override
    public List<RawSeries> series(EvalContext context) {
        long end = shift.apply(timeMs);
        List<RawSeries> out = new ArrayList<>();
        for (RawSeries raw : input.series(context)) {
            RawSeries s = RangeWindow.withoutStale(raw);
            int from = s.upperBound(end - rangeMs);
            int to = s.upperBound(end);
            if (to > from) {
                out.add(new RawSeries(s.labels(), java.util.Arrays.copyOfRange(s.ts(), from, to), java.util.Arrays.copyOfRange(s.values(), from, to), to - from));
            }
        }
        return out;
    }
}
