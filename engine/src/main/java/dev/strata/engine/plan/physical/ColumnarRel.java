package dev.strata.engine.plan.physical;

import dev.strata.engine.exec.OperatorFactory;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/** Relational expression implemented by vectorized operators over Arrow batches. */
public interface ColumnarRel extends RelNode {
    Convention CONVENTION = new Convention.Impl("COLUMNAR", ColumnarRel.class);

    /** Factor applied to the cost of a columnar node so the planner prefers it to an enumerable one. */
    double COST_FACTOR = 0.1;

    /** The factory of this node's operator; inputs are implemented recursively. Called once per plan. */
    OperatorFactory implement();
}
