package dev.strata.engine.series.exec;

import dev.strata.engine.series.StepVector;

/** An operator producing an instant vector or a scalar on its grid. */
public interface StepNode {
    StepVector evaluate(EvalContext context);
}
