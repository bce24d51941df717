package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import static java.util.Objects.requireNonNull;

/**
 * {@code histogram_quantile} over classic buckets (GreptimeDB's {@code HistogramFold} plus the
 * quantile): series are grouped by their labels without {@code le} and the name, and each step
 * interpolates within the bucket holding the rank, as Prometheus's {@code bucketQuantile} does.
 */
public final class HistogramQuantile implements StepNode {
    private static final double SMALL_DELTA_TOLERANCE = 1e-12;

    private final StepNode quantile;
    private final StepNode upper;
    private final StepNode input;
    private final String parameterPosition;
    private final String inputPosition;

    /**
     * {@code histogram_quantile(quantileOrLower, input)}, or {@code histogram_fraction(lower, upper, input)}
     * when {@code upper} is not null; the positions are those of the first parameter and of the input.
     */
    public HistogramQuantile(StepNode quantileOrLower, StepNode upper, StepNode input, String parameterPosition, String inputPosition) {
        this.parameterPosition = requireNonNull(parameterPosition, "parameterPosition is null");
        this.inputPosition = requireNonNull(inputPosition, "inputPosition is null");
        this.quantile = requireNonNull(quantileOrLower, "quantileOrLower is null");
        this.upper = upper;
        this.input = requireNonNull(input, "input is null");
    }

    private record Bucket(double upper, StepSeries series) {}

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        int steps = in.grid().steps();
        double[] q = Scalars.values(quantile.evaluate(context), steps);
        double[] u = upper == null ? null : Scalars.values(upper.evaluate(context), steps);
        if (u == null) {
            Annotations.checkQuantile(context.annotations(), q, parameterPosition);
        }
        Map<Labels, List<Bucket>> groups = new LinkedHashMap<>();
        for (StepSeries s : in.series()) {
            String le = s.labels().get("le");
            double upper;
            try {
                upper = parseLe(le == null ? "" : le);
            } catch (NumberFormatException e) {
                context.annotations().warn("bucket label \"le\" is missing or has a malformed value of \"" + (le == null ? "" : le)
                        + "\" for metric name \"" + (s.labels().metricName() == null ? "" : s.labels().metricName()) + "\"", inputPosition);
                continue;
            }
            // the name stays in the key until the result is produced (delayed name removal)
            Labels key = Labels.builder().addAll(s.labels()).remove("le").build();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Bucket(upper, s));
        }
        List<StepSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, List<Bucket>> group : groups.entrySet()) {
            List<Bucket> buckets = group.getValue();
            buckets.sort((a, b) -> Double.compare(a.upper(), b.upper()));
            StepSeries r = StepSeries.empty(group.getKey(), steps, true);
            double[] uppers = new double[buckets.size()];
            double[] counts = new double[buckets.size()];
            boolean[] fixed = new boolean[1];
            for (int i = 0; i < steps; i++) {
                int n = 0;
                for (Bucket b : buckets) {
                    if (!b.series().present()[i]) {
                        continue;
                    }
                    if (n > 0 && uppers[n - 1] == b.upper()) {
                        counts[n - 1] += b.series().values()[i];
                        continue;
                    }
                    uppers[n] = b.upper();
                    counts[n++] = b.series().values()[i];
                }
                if (n == 0) {
                    continue;
                }
                r.present()[i] = true;
                r.values()[i] = u == null ? bucketQuantile(q[i], uppers, counts, n, fixed) : bucketFraction(q[i], u[i], uppers, counts, n);
                if (fixed[0]) {
                    context.annotations().info("input to histogram_quantile needed to be fixed for monotonicity (see "
                            + "https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name \""
                            + (group.getKey().metricName() == null ? "" : group.getKey().metricName()) + "\"", inputPosition);
                    fixed[0] = false;
                }
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return new StepVector(in.grid(), out);
    }

    private static double parseLe(String le) {
        return switch (le) {
            case "+Inf", "Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(le);
        };
    }

    /**
     * Prometheus's {@code BucketFraction}: the share of observations in {@code [lower, upper]},
     * interpolating linearly inside buckets; the first bucket starts at 0 when its bound is positive,
     * and a bound inside an infinitely wide bucket contributes nothing of that bucket.
     */
    static double bucketFraction(double lower, double upper, double[] uppers, double[] counts, int n) {
        if (!(uppers[n - 1] == Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double count = counts[n - 1];
        if (count == 0 || Double.isNaN(lower) || Double.isNaN(upper)) {
            return Double.NaN;
        }
        if (lower >= upper) {
            return 0;
        }
        double rank = 0;
        double lowerRank = 0;
        double upperRank = 0;
        boolean lowerSet = false;
        boolean upperSet = false;
        for (int i = 0; i < n; i++) {
            double lowerBound = i > 0 ? uppers[i - 1] : uppers[0] > 0 ? 0 : Double.NEGATIVE_INFINITY;
            double upperBound = uppers[i];
            double c = counts[i];
            if (!lowerSet && lowerBound >= lower) {
                lowerRank = rank;
                lowerSet = true;
            }
            if (!upperSet && lowerBound >= upper) {
                upperRank = rank;
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            if (!lowerSet && lowerBound < lower && upperBound > lower) {
                lowerRank = interpolate(rank, c, lowerBound, upperBound, lower);
                lowerSet = true;
            }
            if (!upperSet && lowerBound < upper && upperBound > upper) {
                upperRank = interpolate(rank, c, lowerBound, upperBound, upper);
                upperSet = true;
            }
            if (lowerSet && upperSet) {
                break;
            }
            rank = c;
        }
        if (!lowerSet || lowerRank > count) {
            lowerRank = count;
        }
        if (!upperSet || upperRank > count) {
            upperRank = count;
        }
        return (upperRank - lowerRank) / count;
    }

    private static double interpolate(double rank, double bucketCount, double lowerBound, double upperBound, double v) {
        if (lowerBound == Double.NEGATIVE_INFINITY) {
            return bucketCount;
        }
        if (upperBound == Double.POSITIVE_INFINITY) {
            return rank;
        }
        return rank + (bucketCount - rank) * (v - lowerBound) / (upperBound - lowerBound);
    }

    /** Prometheus's {@code bucketQuantile}; sets {@code forcedMonotonic[0]} when counts had to be made monotonic. */
    static double bucketQuantile(double q, double[] uppers, double[] counts, int n, boolean[] forcedMonotonic) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (!(uppers[n - 1] == Double.POSITIVE_INFINITY)) {
            return Double.NaN;
        }
        double[] c = Arrays.copyOf(counts, n);
        double prev = c[0];
        for (int i = 1; i < n; i++) {
            double cur = c[i];
            if (cur == prev) {
                continue;
            }
            if (Math.abs(cur - prev) <= SMALL_DELTA_TOLERANCE * Math.max(Math.abs(cur), Math.abs(prev))) {
                c[i] = prev;
                continue;
            }
            if (cur < prev) {
                c[i] = prev;
                forcedMonotonic[0] = true;
                continue;
            }
            prev = cur;
        }
        if (n < 2) {
            return Double.NaN;
        }
        double observations = c[n - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < n - 1 && !(c[b] >= rank)) {
            b++;
        }
        if (b == n - 1) {
            return uppers[n - 2];
        }
        if (b == 0 && uppers[0] <= 0) {
            return uppers[0];
        }
        double start = 0;
        double end = uppers[b];
        double count = c[b];
        if (b > 0) {
            start = uppers[b - 1];
            count -= c[b - 1];
            rank -= c[b - 1];
        }
        return start + (end - start) * (rank / count);
    }
}
