package dev.strata.engine.series.exec;

import java.util.Arrays;

/**
 * Functions of a range vector, computed on one window {@code [from, to)} of a series' samples
 * (stale markers already removed). {@link #compute} writes the result to {@code out[0]} and returns
 * false when the window yields no value.
 */
public enum RangeFunction {
    RATE("rate", false),
    INCREASE("increase", false),
    DELTA("delta", false),
    IRATE("irate", false),
    IDELTA("idelta", false),
    AVG_OVER_TIME("avg_over_time", false),
    MIN_OVER_TIME("min_over_time", false),
    MAX_OVER_TIME("max_over_time", false),
    SUM_OVER_TIME("sum_over_time", false),
    COUNT_OVER_TIME("count_over_time", false),
    LAST_OVER_TIME("last_over_time", true),
    FIRST_OVER_TIME("first_over_time", true),
    PRESENT_OVER_TIME("present_over_time", false),
    STDDEV_OVER_TIME("stddev_over_time", false),
    STDVAR_OVER_TIME("stdvar_over_time", false),
    QUANTILE_OVER_TIME("quantile_over_time", false),
    CHANGES("changes", false),
    RESETS("resets", false),
    DERIV("deriv", false),
    PREDICT_LINEAR("predict_linear", false);

    private final String promName;
    private final boolean keepsName;

    RangeFunction(String promName, boolean keepsName) {
        this.promName = promName;
        this.keepsName = keepsName;
    }

    public String promName() {
        return promName;
    }

    public boolean keepsName() {
        return keepsName;
    }

    public static RangeFunction byName(String name) {
        for (RangeFunction f : values()) {
            if (f.promName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /**
     * @param rangeStartMs exclusive window start, {@code rangeEndMs} inclusive end (shifted times)
     * @param evalMs the unshifted evaluation time (intercept of {@code predict_linear})
     */
    public boolean compute(long[] ts, double[] v, int from, int to, long rangeStartMs, long rangeEndMs, long evalMs, double arg, double[] out) {
        return compute(ts, v, from, to, rangeStartMs, rangeEndMs, evalMs, arg, out, false);
    }

    /**
     * @param withoutResets no value of the series is below its predecessor, so {@code rate} and
     *     {@code increase} need not look for counter resets in each window (same result, no scan)
     */
    boolean compute(long[] ts, double[] v, int from, int to, long rangeStartMs, long rangeEndMs, long evalMs, double arg, double[] out,
            boolean withoutResets) {
        int n = to - from;
        if (n <= 0) {
            return false;
        }
        switch (this) {
            case RATE, INCREASE, DELTA -> {
                if (n < 2) {
                    return false;
                }
                out[0] = extrapolatedRate(ts, v, from, to, rangeStartMs, rangeEndMs, this != DELTA, this == RATE, withoutResets);
                return true;
            }
            case IRATE, IDELTA -> {
                if (n < 2) {
                    return false;
                }
                double last = v[to - 1];
                double prev = v[to - 2];
                double result = this == IRATE && last < prev ? last : last - prev;
                if (this == IRATE) {
                    long interval = ts[to - 1] - ts[to - 2];
                    if (interval == 0) {
                        return false;
                    }
                    result = result / (interval / 1000.0);
                }
                out[0] = result;
                return true;
            }
            case AVG_OVER_TIME -> out[0] = average(v, from, to);
            case MIN_OVER_TIME -> {
                double min = v[from];
                for (int i = from; i < to; i++) {
                    if (v[i] < min || Double.isNaN(min)) {
                        min = v[i];
                    }
                }
                out[0] = min;
            }
            case MAX_OVER_TIME -> {
                double max = v[from];
                for (int i = from; i < to; i++) {
                    if (v[i] > max || Double.isNaN(max)) {
                        max = v[i];
                    }
                }
                out[0] = max;
            }
            case SUM_OVER_TIME -> {
                double[] kahan = new double[2];
                for (int i = from; i < to; i++) {
                    Kahan.add(kahan, v[i]);
                }
                out[0] = Kahan.value(kahan);
            }
            case COUNT_OVER_TIME -> out[0] = n;
            case LAST_OVER_TIME -> out[0] = v[to - 1];
            case FIRST_OVER_TIME -> out[0] = v[from];
            case PRESENT_OVER_TIME -> out[0] = 1;
            case STDDEV_OVER_TIME -> out[0] = Math.sqrt(variance(v, from, to));
            case STDVAR_OVER_TIME -> out[0] = variance(v, from, to);
            case QUANTILE_OVER_TIME -> out[0] = quantile(arg, Arrays.copyOfRange(v, from, to));
            case CHANGES, RESETS -> {
                int count = 0;
                double prev = v[from];
                for (int i = from + 1; i < to; i++) {
                    double cur = v[i];
                    if (this == CHANGES ? cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev)) : cur < prev) {
                        count++;
                    }
                    prev = cur;
                }
                out[0] = count;
            }
            case DERIV -> {
                if (n < 2) {
                    return false;
                }
                out[0] = linearRegression(ts, v, from, to, ts[from])[0];
            }
            case PREDICT_LINEAR -> {
                if (n < 2) {
                    return false;
                }
                double[] si = linearRegression(ts, v, from, to, evalMs);
                out[0] = si[0] * arg + si[1];
            }
            default -> throw new IllegalStateException(name());
        }
        return true;
    }

    /** Prometheus's {@code extrapolatedRate} over the window {@code [from, to)}, at least two samples. */
    static double extrapolatedRate(long[] ts, double[] v, int from, int to, long rangeStart, long rangeEnd, boolean counter, boolean rate,
            boolean withoutResets) {
        int last = to - 1;
        double result = v[last] - v[from];
        if (counter && !withoutResets) {
            double prev = v[from];
            for (int i = from + 1; i < to; i++) {
                if (v[i] < prev) {
                    result += prev;
                }
                prev = v[i];
            }
        }
        double durationToStart = (ts[from] - rangeStart) / 1000.0;
        double durationToEnd = (rangeEnd - ts[last]) / 1000.0;
        double sampledInterval = (ts[last] - ts[from]) / 1000.0;
        double averageBetween = sampledInterval / (to - from - 1);
        double threshold = averageBetween * 1.1;
        if (durationToStart >= threshold) {
            durationToStart = averageBetween / 2;
        }
        if (counter && result > 0 && v[from] >= 0) {
            double durationToZero = sampledInterval * (v[from] / result);
            if (durationToZero < durationToStart) {
                durationToStart = durationToZero;
            }
        }
        if (durationToEnd >= threshold) {
            durationToEnd = averageBetween / 2;
        }
        double factor = (sampledInterval + durationToStart + durationToEnd) / sampledInterval;
        if (rate) {
            factor /= (rangeEnd - rangeStart) / 1000.0;
        }
        return result * factor;
    }

    /** This function over all of {@code values} (aggregations reuse the window code). */
    double computeSimple(double[] values) {
        return average(values, 0, values.length);
    }

    private static double average(double[] v, int from, int to) {
        double sum = 0;
        double c = 0;
        double mean = 0;
        double meanC = 0;
        boolean incremental = false;
        int count = 0;
        for (int i = from; i < to; i++) {
            count++;
            double f = v[i];
            if (!incremental) {
                double t = sum + f;
                double nc = c + Kahan.compensation(sum, f, t);
                if (count == 1 || !Double.isInfinite(t)) {
                    sum = t;
                    c = Double.isInfinite(t) ? 0 : nc;
                    continue;
                }
                incremental = true;
                mean = sum / (count - 1);
                meanC = c / (count - 1);
            }
            double q = (count - 1) / (double) count;
            double[] k = {q * mean, q * meanC};
            Kahan.add(k, f / count);
            mean = k[0];
            meanC = k[1];
        }
        if (incremental) {
            return mean + meanC;
        }
        return sum / count + c / count;
    }

    private static double variance(double[] v, int from, int to) {
        double count = 0;
        double[] mean = new double[2];
        double[] aux = new double[2];
        for (int i = from; i < to; i++) {
            count++;
            double delta = v[i] - (mean[0] + mean[1]);
            Kahan.add(mean, delta / count);
            Kahan.add(aux, delta * (v[i] - (mean[0] + mean[1])));
        }
        return (aux[0] + aux[1]) / count;
    }

    /** Prometheus's {@code quantile}: linear interpolation between closest ranks; sorts {@code values}. */
    public static double quantile(double q, double[] values) {
        if (values.length == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values);
        double n = values.length;
        double rank = q * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = (int) Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[lower] * (1 - weight) + values[upper] * weight;
    }

    /** Go's {@code sort.Float64s} order: NaN first, then ascending. */
    static void sortNaNFirst(double[] values) {
        Arrays.sort(values);
        int nans = 0;
        for (int i = values.length - 1; i >= 0 && Double.isNaN(values[i]); i--) {
            nans++;
        }
        if (nans > 0) {
            System.arraycopy(values, 0, values, nans, values.length - nans);
            Arrays.fill(values, 0, nans, Double.NaN);
        }
    }

    private static double[] linearRegression(long[] ts, double[] v, int from, int to, long interceptMs) {
        double n = 0;
        double[] sx = new double[2];
        double[] sy = new double[2];
        double[] sxy = new double[2];
        double[] sx2 = new double[2];
        double initY = v[from];
        boolean constY = true;
        for (int i = from; i < to; i++) {
            if (constY && i > from && v[i] != initY) {
                constY = false;
            }
            n++;
            double x = (ts[i] - interceptMs) / 1e3;
            Kahan.add(sx, x);
            Kahan.add(sy, v[i]);
            Kahan.add(sxy, x * v[i]);
            Kahan.add(sx2, x * x);
        }
        if (constY) {
            if (Double.isInfinite(initY)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            return new double[] {0, initY};
        }
        double sumX = sx[0] + sx[1];
        double sumY = sy[0] + sy[1];
        double sumXY = sxy[0] + sxy[1];
        double sumX2 = sx2[0] + sx2[1];
        double covXY = sumXY - sumX * sumY / n;
        double varX = sumX2 - sumX * sumX / n;
        double slope = covXY / varX;
        double intercept = sumY / n - slope * sumX / n;
        return new double[] {slope, intercept};
    }
}
