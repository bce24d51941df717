package dev.strata.engine.series.exec;

import dev.strata.engine.series.RawSeries;
import java.util.List;
import java.util.function.Consumer;

/** An operator producing raw series (samples at their own timestamps), sorted by labels. */
public interface SeriesNode {
    /** The series, each owning its arrays. */
    List<RawSeries> series(EvalContext context);

    /**
     * Hands the series to {@code sink} one at a time, in {@link #series} order. A series may be
     * borrowed: its arrays are valid only during the call (an operator that turns each series into
     * step values needs no copy of every series at once).
     */
    default void forEach(EvalContext context, Consumer<RawSeries> sink) {
        for (RawSeries s : series(context)) {
            sink.accept(s);
        }
    }
}
