package dev.strata.engine.series.exec;

import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import java.util.ArrayList;
import java.util.List;

/** Ends delayed name removal: drops the names marked for dropping, then rejects duplicate label sets. */
public final class ResultNames {
    private ResultNames() {}

    public static StepVector finish(StepVector result) {
        List<StepSeries> out = new ArrayList<>(result.series().size());
        for (StepSeries s : result.series()) {
            out.add(s.finish());
        }
        return new StepVector(result.grid(), Merge.distinct(out, result.grid().steps()));
    }
}
