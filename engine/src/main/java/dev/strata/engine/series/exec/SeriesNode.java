package dev.strata.engine.series.exec;

import dev.strata.engine.series.RawSeries;
import java.util.List;

/** A node producing raw series (samples at their own timestamps), sorted by labels. */
public interface SeriesNode extends PlanNode {
    List<RawSeries> series(EvalContext context);
}
