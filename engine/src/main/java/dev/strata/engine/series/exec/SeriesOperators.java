package dev.strata.engine.series.exec;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.rel.GridScalar;
import dev.strata.engine.series.rel.RangeSelect;
import dev.strata.engine.series.rel.SeriesAggregate;
import dev.strata.engine.series.rel.SeriesFunction;
import dev.strata.engine.series.rel.SeriesScan;
import dev.strata.engine.series.rel.SeriesSubquery;
import dev.strata.engine.series.rel.StepAlign;
import dev.strata.engine.series.rel.VectorMatch;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Values;

/**
 * The physical implementation of each series node: the operator tree that evaluates a logical
 * series plan. Step nodes (values on a grid) become {@link StepNode}s, nodes yielding raw samples
 * {@link SeriesNode}s; an empty {@code Values} is a series input without rows.
 */
final class SeriesOperators {
    private SeriesOperators() {}

    static StepNode step(RelNode rel) {
        if (rel instanceof StepAlign align) {
            return new InstantAlign(raw(align.input()), align.grid(), align.lookbackMs(), align.shift(), align.timestamps());
        }
        if (rel instanceof dev.strata.engine.series.rel.RangeWindow window) {
            RangeFunction function = RangeFunction.byName(window.function());
            if (function == null) {
                throw unsupported("range function " + window.function());
            }
            return new RangeWindow(raw(window.input()), window.grid(), window.rangeMs(), window.shift(), function,
                    window.argument().map(SeriesOperators::step), window.argumentPosition());
        }
        if (rel instanceof GridScalar scalar) {
            return scalar.isTime() ? StepGrid.time(scalar.grid()) : StepGrid.constant(scalar.grid(), scalar.constant());
        }
        if (rel instanceof SeriesAggregate aggregate) {
            return new Aggregate(step(aggregate.input()), aggregate.op(), aggregate.grouping(), aggregate.without(),
                    aggregate.parameter().map(SeriesOperators::step), aggregate.countValuesLabel().orElse(null), aggregate.position());
        }
        if (rel instanceof VectorMatch match) {
            BinaryJoin.Matching matching = new BinaryJoin.Matching(match.cardinality(), match.labels(), match.on(), match.include());
            if (match.op().isSetOperator()) {
                return new SetOperation(step(match.lhs()), step(match.rhs()), match.op(), matching);
            }
            return new BinaryJoin(step(match.lhs()), step(match.rhs()), match.op(), match.lhsScalar(), match.rhsScalar(), match.returnBool(),
                    matching);
        }
        if (rel instanceof SeriesFunction function) {
            return function(function);
        }
        throw unsupported("series plan node " + rel.getRelTypeName() + " where values on a grid are expected");
    }

    static SeriesNode raw(RelNode rel) {
        if (rel instanceof SeriesScan scan) {
            return new SeriesDivide(new SamplesScan(scan.matchers(), scan.minMs(), scan.maxMs()));
        }
        if (rel instanceof SeriesSubquery subquery) {
            return new Subquery(step(subquery.input()));
        }
        if (rel instanceof RangeSelect select) {
            return new dev.strata.engine.series.exec.RangeSelect(raw(select.input()), select.timeMs(), select.rangeMs(), select.shift());
        }
        if (rel instanceof Values values && values.getTuples().isEmpty()) {
            return new EmptySeries();
        }
        throw unsupported("series plan node " + rel.getRelTypeName() + " where raw samples are expected");
    }

    private static StepNode function(SeriesFunction call) {
        List<StepNode> inputs = new ArrayList<>();
        for (RelNode input : call.getInputs()) {
            inputs.add(step(input));
        }
        List<String> literals = call.literals();
        StepNode first = inputs.get(0);
        return switch (call.function()) {
            case "scalar" -> new ScalarOf(first, false);
            case "vector" -> new ScalarOf(first, true);
            case "sort", "sort_desc" -> new Sort(first, call.function().equals("sort_desc"), call.position(0));
            case "absent" -> new Absent(first, pairs(literals));
            case "label_replace" -> LabelRewrite.replace(first, literals.get(0), literals.get(1), literals.get(2), literals.get(3));
            case "label_join" -> LabelRewrite.join(first, literals.get(0), literals.get(1), literals.subList(2, literals.size()));
            case "histogram_quantile" -> new HistogramQuantile(first, null, inputs.get(1), call.position(1), call.position(2));
            case "histogram_fraction" -> new HistogramQuantile(first, inputs.get(1), inputs.get(2), call.position(1), call.position(3));
            case "timestamp" -> new InstantFunction(first, MathFunction.STEP_TIME, List.of());
            default -> {
                MathFunction math = MathFunction.byName(call.function());
                if (math == null) {
                    throw unsupported("function " + call.function());
                }
                yield new InstantFunction(first, math, inputs.subList(1, inputs.size()));
            }
        };
    }

    private static Labels pairs(List<String> literals) {
        Labels.Builder labels = Labels.builder();
        for (int i = 0; i + 1 < literals.size(); i += 2) {
            labels.add(literals.get(i), literals.get(i + 1));
        }
        return labels.build();
    }

    private static StrataException unsupported(String what) {
        return new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, what + " is not supported yet");
    }
}
