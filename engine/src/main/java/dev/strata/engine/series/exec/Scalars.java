package dev.strata.engine.series.exec;

import dev.strata.engine.series.StepVector;

/** Reading a scalar node's value per step. */
final class Scalars {
    private Scalars() {}

    static double[] values(StepVector scalar, int steps) {
        if (scalar.series().isEmpty()) {
            double[] nan = new double[steps];
            java.util.Arrays.fill(nan, Double.NaN);
            return nan;
        }
        return scalar.series().get(0).values();
    }
}
