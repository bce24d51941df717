package dev.strata.engine.series.exec;

import dev.strata.engine.series.StepVector;

/** A node producing an instant vector or a scalar on its grid. */
public interface StepNode extends PlanNode {
    StepVector evaluate(EvalContext context);
}
