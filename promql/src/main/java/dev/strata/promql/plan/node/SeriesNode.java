package dev.strata.promql.plan.node;

import java.util.List;

/** A node producing raw series (samples at their own timestamps), sorted by labels. */
public interface SeriesNode extends PlanNode {
    List<RawSeries> series(EvalContext context);
}
