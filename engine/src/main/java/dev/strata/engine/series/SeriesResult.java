package dev.strata.engine.series;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A series plan's value on its grid, metric names already dropped where due, and the annotations its run produced. */
public record SeriesResult(StepVector value, List<String> warnings, List<String> infos) {
    public SeriesResult {
        requireNonNull(value, "value is null");
        warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
        infos = List.copyOf(requireNonNull(infos, "infos is null"));
    }
}
