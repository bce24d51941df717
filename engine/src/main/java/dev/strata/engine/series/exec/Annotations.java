package dev.strata.engine.series.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The warnings and infos of one query, rendered as Prometheus's API does
 * ({@code PromQL warning: ... (line:column)}). Owned by one query's {@link EvalContext}; not thread-safe.
 */
public final class Annotations {
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> infos = new LinkedHashSet<>();

    public void warn(String message, String position) {
        warnings.add("PromQL warning: " + message + " " + position);
    }

    public void info(String message, String position) {
        infos.add("PromQL info: " + message + " " + position);
    }

    public List<String> warnings() {
        return new ArrayList<>(warnings);
    }

    public List<String> infos() {
        return new ArrayList<>(infos);
    }

    /** Go's {@code %g} for the values annotations print. */
    static String formatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e21) {
            return Long.toString((long) v);
        }
        return Aggregate.formatFloat(v);
    }

    static void checkQuantile(Annotations annotations, double[] q, String position) {
        for (double v : q) {
            if (Double.isNaN(v) || v < 0 || v > 1) {
                annotations.warn("quantile value should be between 0 and 1, got " + formatG(v), position);
                return;
            }
        }
    }
}
