package dev.strata.engine.series.exec;

import dev.strata.engine.series.RawSeries;
import java.util.List;

/** No series at all (a subquery whose grid has no step inside the outer window). */
public final class EmptySeries implements SeriesNode {
    @Override
    public List<RawSeries> series(EvalContext context) {
        return List.of();
    }
}
