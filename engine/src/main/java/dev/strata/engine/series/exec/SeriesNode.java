package dev.strata.engine.series.exec;

import dev.strata.engine.series.RawSeries;
import java.util.List;

/** An operator producing raw series (samples at their own timestamps), sorted by labels. */
public interface SeriesNode {
    List<RawSeries> series(EvalContext context);
}
