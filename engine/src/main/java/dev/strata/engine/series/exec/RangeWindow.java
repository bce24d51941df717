package dev.strata.engine.series.exec;


import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.TimeShift;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import static java.util.Objects.requireNonNull;

/**
 * Applies a {@link RangeFunction} to each series over the left-open window
 * {@code (t' - range, t']} of every step ({@code t'} the shifted time). Staleness markers are
 * dropped first; an optional scalar argument (quantile, prediction horizon) is read per step.
 */
public final class RangeWindow implements StepNode {
    private final SeriesNode input;
    private final EvalGrid grid;
    private final long rangeMs;
    private final TimeShift shift;
    private final RangeFunction function;
    private final Optional<StepNode> argument;
    private final String argumentPosition;

    public RangeWindow(SeriesNode input, EvalGrid grid, long rangeMs, TimeShift shift, RangeFunction function, Optional<StepNode> argument) {
        this(input, grid, rangeMs, shift, function, argument, "");
    }

    /** @param argumentPosition where the scalar argument is in the query, for annotations */
    public RangeWindow(SeriesNode input, EvalGrid grid, long rangeMs, TimeShift shift, RangeFunction function, Optional<StepNode> argument,
            String argumentPosition) {
        this.argumentPosition = requireNonNull(argumentPosition, "argumentPosition is null");
        this.input = requireNonNull(input, "input is null");
        this.grid = requireNonNull(grid, "grid is null");
        this.rangeMs = rangeMs;
        this.shift = requireNonNull(shift, "shift is null");
        this.function = requireNonNull(function, "function is null");
        this.argument = requireNonNull(argument, "argument is null");
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        List<StepSeries> out = new ArrayList<>();
        stream(context, false, out::add);
        return new StepVector(grid, out);
    }

    EvalGrid grid() {
        return grid;
    }

    /** Receives a window's series one at a time, in input order. */
    @FunctionalInterface
    interface SeriesSink {
        void accept(StepSeries series);
    }

    /**
     * Hands each series with at least one value to {@code sink}. With {@code reuseBuffers} every
     * series shares one pair of arrays, valid only during the call and meaningful only where
     * {@code present}: an aggregation folds them as they come instead of keeping a step array
     * per input series alive (4,000 series × 480 steps are 17 MB of young garbage per query).
     */
    void stream(EvalContext context, boolean reuseBuffers, SeriesSink sink) {
        int steps = grid.steps();
        double[] args = argument.isPresent() ? Scalars.values(argument.get().evaluate(context), steps) : new double[steps];
        if (function == RangeFunction.QUANTILE_OVER_TIME) {
            Annotations.checkQuantile(context.annotations(), args, argumentPosition);
        }
        long[] ends = new long[steps];
        long[] evalTimes = new long[steps];
        for (int i = 0; i < steps; i++) {
            evalTimes[i] = grid.at(i);
            ends[i] = shift.apply(evalTimes[i]);
        }
        double[] sharedValues = reuseBuffers ? new double[steps] : null;
        boolean[] sharedPresent = reuseBuffers ? new boolean[steps] : null;
        boolean dropName = !function.keepsName();
        boolean counterRate = function == RangeFunction.RATE || function == RangeFunction.INCREASE;
        double[] result = new double[1];
        // the series may be borrowed (valid during the call): everything kept is copied into step arrays
        input.forEach(context, raw -> {
            // one pass finds both stale markers and counter resets in the common series without markers
            double[] rawValues = raw.values();
            boolean stale = false;
            boolean resets = false;
            for (int i = 0; i < raw.size(); i++) {
                double v = rawValues[i];
                if (Double.doubleToRawLongBits(v) == InstantAlign.STALE_NAN_BITS) {
                    stale = true;
                    break;
                }
                resets |= i > 0 && v < rawValues[i - 1];
            }
            RawSeries s = stale ? withoutStale(raw) : raw;
            if (s.size() == 0) {
                return;
            }
            double[] values;
            boolean[] present;
            if (reuseBuffers) {
                values = sharedValues;
                present = sharedPresent;
                Arrays.fill(present, false);
            } else {
                values = new double[steps];
                present = new boolean[steps];
            }
            boolean withoutResets = counterRate && (stale ? withoutResets(s) : !resets);
            if (windows(s, ends, evalTimes, args, values, present, withoutResets, result)) {
                sink.accept(new StepSeries(s.labels(), values, present, dropName));
            }
        });
    }

    /**
     * The windows of {@code s}, true when one has a value. Steps ascend and a {@link TimeShift}
     * keeps their order ({@code offset} moves all alike, {@code @} pins all to one time), so no
     * window ends before its predecessor: both bounds slide forward, the steps before the first
     * sample are skipped by a search and the loop ends at the first window starting at or after
     * the last sample (a day's grid over a few hours of samples visits only those hours).
     * {@code rate}, {@code increase} and {@code delta} call their arithmetic directly.
     */
    private boolean windows(RawSeries s, long[] ends, long[] evalTimes, double[] args, double[] values, boolean[] present,
            boolean withoutResets, double[] result) {
        long[] ts = s.ts();
        double[] vs = s.values();
        int size = s.size();
        long lastTs = ts[size - 1];
        boolean extrapolated = function == RangeFunction.RATE || function == RangeFunction.INCREASE || function == RangeFunction.DELTA;
        boolean counter = function != RangeFunction.DELTA;
        boolean rate = function == RangeFunction.RATE;
        boolean any = false;
        int from = 0;
        int to = 0;
        for (int i = firstEndAtOrAfter(ends, ts[0]); i < ends.length; i++) {
            long end = ends[i];
            long start = end - rangeMs;
            if (start >= lastTs) {
                break; // this window and every later one start at or after the last sample
            }
            while (to < size && ts[to] <= end) {
                to++;
            }
            while (from < to && ts[from] <= start) {
                from++;
            }
            if (extrapolated) {
                if (to - from < 2) {
                    continue;
                }
                values[i] = RangeFunction.extrapolatedRate(ts, vs, from, to, start, end, counter, rate, withoutResets);
            } else if (function.compute(ts, vs, from, to, start, end, evalTimes[i], args[i], result, withoutResets)) {
                values[i] = result[0];
            } else {
                continue;
            }
            present[i] = true;
            any = true;
        }
        return any;
    }

    /** The first index of the ascending {@code ends} at or after {@code time}; {@code ends.length} when none. */
    private static int firstEndAtOrAfter(long[] ends, long time) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** True when no value is below its predecessor: no window of {@code s} holds a counter reset. */
    private static boolean withoutResets(RawSeries s) {
        double[] v = s.values();
        for (int i = 1; i < s.size(); i++) {
            if (v[i] < v[i - 1]) {
                return false;
            }
        }
        return true;
    }

    static RawSeries withoutStale(RawSeries s) {
        int stale = 0;
        for (int i = 0; i < s.size(); i++) {
            if (Double.doubleToRawLongBits(s.values()[i]) == InstantAlign.STALE_NAN_BITS) {
                stale++;
            }
        }
        if (stale == 0) {
            return s;
        }
        long[] ts = new long[s.size() - stale];
        double[] vs = new double[ts.length];
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            if (Double.doubleToRawLongBits(s.values()[i]) != InstantAlign.STALE_NAN_BITS) {
                ts[n] = s.ts()[i];
                vs[n++] = s.values()[i];
            }
        }
        return new RawSeries(s.labels(), ts, vs, n);
    }
}
