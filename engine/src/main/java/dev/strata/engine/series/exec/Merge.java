package dev.strata.engine.series.exec;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.StepSeries;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges series that ended up with the same labels (after dropping the name or rewriting labels):
 * allowed when they never have a value at the same step, else Prometheus's duplicate-labelset error.
 */
final class Merge {
    private Merge() {}

    static List<StepSeries> distinct(List<StepSeries> series, int steps) {
        Map<Labels, StepSeries> byLabels = new LinkedHashMap<>();
        boolean duplicates = false;
        for (StepSeries s : series) {
            if (byLabels.putIfAbsent(s.labels(), s) != null) {
                duplicates = true;
            }
        }
        if (!duplicates) {
            return series;
        }
        byLabels.clear();
        for (StepSeries s : series) {
            StepSeries prev = byLabels.get(s.labels());
            if (prev == null) {
                byLabels.put(s.labels(), new StepSeries(s.labels(), s.values().clone(), s.present().clone(), s.dropName()));
                continue;
            }
            for (int i = 0; i < steps; i++) {
                if (s.present()[i]) {
                    if (prev.present()[i]) {
                        throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "vector cannot contain metrics with the same labelset");
                    }
                    prev.present()[i] = true;
                    prev.values()[i] = s.values()[i];
                }
            }
        }
        return new ArrayList<>(byLabels.values());
    }
}
