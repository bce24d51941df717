package dev.strata.engine.series.exec;

/** Kahan-Neumaier compensated summation as Prometheus does it ({@code kahanSumInc}); state is {sum, c}. */
final class Kahan {
    private Kahan() {}

    static void add(double[] state, double inc) {
        double sum = state[0];
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            state[1] = 0;
        } else {
            state[1] += compensation(sum, inc, t);
        }
        state[0] = t;
    }

    /** {@link #add} on the state {@code (sums[i], compensations[i])}: one step of a per-step sum. */
    static void add(double[] sums, double[] compensations, int i, double inc) {
        double sum = sums[i];
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            compensations[i] = 0;
        } else {
            compensations[i] += compensation(sum, inc, t);
        }
        sums[i] = t;
    }

    static double value(double sum, double compensation) {
        return Double.isInfinite(sum) ? sum : sum + compensation;
    }

    static double compensation(double sum, double inc, double t) {
        return Math.abs(sum) >= Math.abs(inc) ? (sum - t) + inc : (inc - t) + sum;
    }

    static double value(double[] state) {
        return Double.isInfinite(state[0]) ? state[0] : state[0] + state[1];
    }
}
