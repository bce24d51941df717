package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.model.Labels;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** {@code absent()}: 1 with {@code labels} at every step where the input has no series, else nothing. */
public final class Absent implements StepNode {
    private final StepNode input;
    private final Labels labels;

    public Absent(StepNode input, Labels labels) {
        this.input = requireNonNull(input, "input is null");
        this.labels = requireNonNull(labels, "labels is null");
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        int steps = in.grid().steps();
        StepSeries out = StepSeries.empty(labels, steps);
        for (int i = 0; i < steps; i++) {
            out.present()[i] = true;
            out.values()[i] = 1;
        }
        for (StepSeries s : in.series()) {
            for (int i = 0; i < steps; i++) {
                if (s.present()[i]) {
                    out.present()[i] = false;
                }
            }
        }
        return new StepVector(in.grid(), out.isEmpty() ? List.of() : List.of(out));
    }
}
