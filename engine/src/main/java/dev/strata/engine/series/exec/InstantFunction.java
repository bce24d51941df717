package dev.strata.engine.series.exec;


import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/** Applies a {@link MathFunction} to every value; drops the metric name. Scalar arguments are read per step. */
public final class InstantFunction implements StepNode {
    private final StepNode input;
    private final MathFunction function;
    private final List<StepNode> arguments;

    public InstantFunction(StepNode input, MathFunction function, List<StepNode> arguments) {
        this.input = requireNonNull(input, "input is null");
        this.function = requireNonNull(function, "function is null");
        this.arguments = List.copyOf(requireNonNull(arguments, "arguments is null"));
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        int steps = in.grid().steps();
        double[] a = arguments.size() > 0 ? Scalars.values(arguments.get(0).evaluate(context), steps) : new double[steps];
        double[] b = arguments.size() > 1 ? Scalars.values(arguments.get(1).evaluate(context), steps) : new double[steps];
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries r = StepSeries.empty(s.labels(), steps, true);
            boolean any = false;
            for (int i = 0; i < steps; i++) {
                if (!s.present()[i] || (function == MathFunction.CLAMP && b[i] < a[i])) {
                    continue;
                }
                r.values()[i] = function == MathFunction.STEP_TIME ? in.grid().at(i) / 1000.0 : function.apply(s.values()[i], a[i], b[i]);
                r.present()[i] = true;
                any = true;
            }
            if (any) {
                out.add(r);
            }
        }
        return new StepVector(in.grid(), Merge.distinct(out, steps));
    }
}
