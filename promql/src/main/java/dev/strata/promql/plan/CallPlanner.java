package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.rel.SeriesFunction;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.calcite.rel.RelNode;

/**
 * Function calls: range functions over windows, element-wise functions, label functions,
 * conversions. The engine knows the functions by their PromQL names; a name it does not implement
 * fails when the plan is run, as unsupported.
 */
final class CallPlanner {
    private final PromQlPlanner planner;
    private final SelectorPlanner selectors;

    CallPlanner(PromQlPlanner planner, SelectorPlanner selectors) {
        this.planner = requireNonNull(planner, "planner is null");
        this.selectors = requireNonNull(selectors, "selectors is null");
    }

    RelNode plan(Call call, EvalGrid grid) {
        String name = call.function().name();
        List<Expr> args = call.args();
        switch (name) {
            case "time":
                return planner.time(grid);
            case "pi":
                return planner.constant(grid, Math.PI);
            case "timestamp":
                return timestamp(args.get(0), grid);
            case "sort", "sort_desc":
                return SeriesFunction.create(List.of(planner.plan(args.get(0), grid)), name, List.of(), List.of(PromQlPlanner.position(call)));
            case "absent":
                return SeriesFunction.create(List.of(planner.plan(args.get(0), grid)), name, absentLabels(args.get(0)), List.of());
            case "absent_over_time":
                return SeriesFunction.create(List.of(selectors.window(args.get(0), grid, "count_over_time", Optional.empty())), "absent",
                        absentLabels(args.get(0)), List.of());
            case "label_replace", "label_join": {
                List<String> literals = new ArrayList<>();
                for (Expr arg : args.subList(1, args.size())) {
                    literals.add(string(arg));
                }
                return SeriesFunction.create(List.of(planner.plan(args.get(0), grid)), name, literals, List.of());
            }
            default:
                break;
        }
        int matrix = call.function().argTypes().indexOf(ValueType.MATRIX);
        if (matrix >= 0) {
            return window(call, grid, matrix);
        }
        List<RelNode> inputs = new ArrayList<>();
        List<String> positions = new ArrayList<>();
        positions.add(PromQlPlanner.position(call));
        for (Expr arg : args) {
            inputs.add(planner.plan(arg, grid));
            positions.add(PromQlPlanner.position(arg));
        }
        if (inputs.isEmpty()) {
            // the time functions default to the step time: hour() is hour(vector(time()))
            inputs.add(function("vector", List.of(planner.time(grid))));
        }
        if (name.equals("round") && inputs.size() == 1) {
            inputs.add(planner.constant(grid, 1));
        }
        return SeriesFunction.create(inputs, name, List.of(), positions);
    }

    /** A range function: a window over argument {@code matrix}, with at most one scalar argument beside it. */
    private RelNode window(Call call, EvalGrid grid, int matrix) {
        List<Expr> args = call.args();
        if (args.size() > 2) {
            throw Unsupported.of("function " + call.function().name() + " with " + args.size() + " arguments");
        }
        if (args.size() == 1) {
            return selectors.window(args.get(matrix), grid, call.function().name(), Optional.empty());
        }
        Expr scalar = args.get(1 - matrix);
        return selectors.window(args.get(matrix), grid, call.function().name(), Optional.of(planner.plan(scalar, grid)),
                PromQlPlanner.position(scalar));
    }

    private static RelNode function(String name, List<RelNode> inputs) {
        return SeriesFunction.create(inputs, name, List.of(), List.of());
    }

    private RelNode timestamp(Expr arg, EvalGrid grid) {
        if (PromQlPlanner.unwrap(arg) instanceof VectorSelector v) {
            return selectors.instant(v, grid, true);
        }
        return function("timestamp", List.of(planner.plan(arg, grid)));
    }

    private static String string(Expr expr) {
        if (PromQlPlanner.unwrap(expr) instanceof StringLiteral s) {
            return s.value();
        }
        throw Unsupported.of("non-literal string argument");
    }

    /**
     * Prometheus's {@code createLabelsForAbsentFunction}: equality matchers, dropped when a name
     * repeats; returned as name/value pairs, sorted by name.
     */
    private static List<String> absentLabels(Expr arg) {
        Expr e = PromQlPlanner.unwrap(arg);
        VectorSelector selector = null;
        if (e instanceof VectorSelector v) {
            selector = v;
        } else if (e instanceof MatrixSelector m) {
            selector = m.selector();
        }
        if (selector == null) {
            return List.of();
        }
        Map<String, String> labels = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        for (LabelMatcher m : selector.matchers()) {
            if (m.name().equals(Labels.METRIC_NAME)) {
                continue;
            }
            if (m.op() == MatchOp.EQUAL && !seen.contains(m.name())) {
                labels.put(m.name(), m.value());
                seen.add(m.name());
            } else {
                labels.remove(m.name());
            }
        }
        labels.values().removeIf(String::isEmpty);
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            pairs.add(label.getKey());
            pairs.add(label.getValue());
        }
        return pairs;
    }
}
