package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** {@code sort}/{@code sort_desc}: orders the series by their value at the first step (instant queries). */
public final class Sort implements StepNode {
    private final StepNode input;
    private final boolean descending;
    private final String position;

    public Sort(StepNode input, boolean descending, String position) {
        this.position = requireNonNull(position, "position is null");
        this.input = requireNonNull(input, "input is null");
        this.descending = descending;
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        if (in.grid().steps() > 1) {
            context.annotations().warn("sort is ineffective for range queries since results are always ordered by labels", position);
        }
        List<StepSeries> out = new ArrayList<>(in.series());
        // NaN sorts last either way, as in Prometheus
        out.sort((x, y) -> {
            double a = x.values()[0];
            double b = y.values()[0];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
            }
            return descending ? Double.compare(b, a) : Double.compare(a, b);
        });
        return new StepVector(in.grid(), out);
    }
}
