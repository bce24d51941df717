package dev.strata.promql.plan.node;

/** A node producing an instant vector or a scalar on its grid. */
public interface StepNode extends PlanNode {
    StepVector evaluate(EvalContext context);
}
