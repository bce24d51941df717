package dev.strata.engine.series.rel;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.TimeShift;
import java.util.List;
import org.apache.calcite.rel.RelWriter;

/** EXPLAIN items the series nodes share. */
final class SeriesTerms {
    private SeriesTerms() {}

    /** {@code start..end/step} in Unix milliseconds, or the one time of an instant grid. */
    static String grid(EvalGrid grid) {
        return grid.startMs() == grid.endMs() ? Long.toString(grid.startMs()) : grid.startMs() + ".." + grid.endMs() + "/" + grid.stepMs();
    }

    /** Labels as a comma-separated list (Calcite adds the brackets). */
    static String list(List<?> items) {
        StringBuilder out = new StringBuilder();
        for (Object item : items) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(item);
        }
        return out.toString();
    }

    /** {@code offset} when not zero, {@code at} when pinned. */
    static RelWriter shift(RelWriter pw, TimeShift shift) {
        return pw.itemIf("offset", shift.offsetMs(), shift.offsetMs() != 0)
                .itemIf("at", shift.atMs().isPresent() ? shift.atMs().getAsLong() : 0, shift.atMs().isPresent());
    }
}
