package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.exec.Absent;
import dev.strata.engine.series.exec.HistogramQuantile;
import dev.strata.engine.series.exec.InstantFunction;
import dev.strata.engine.series.exec.LabelRewrite;
import dev.strata.engine.series.exec.MathFunction;
import dev.strata.engine.series.exec.RangeFunction;
import dev.strata.engine.series.exec.ScalarOf;
import dev.strata.engine.series.exec.Sort;
import dev.strata.engine.series.exec.StepGrid;
import dev.strata.engine.series.exec.StepNode;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Function calls: range functions over windows, element-wise functions, label functions, conversions. */
final class CallPlanner {
    private final PromQlPlanner planner;
    private final SelectorPlanner selectors;

    CallPlanner(PromQlPlanner planner, SelectorPlanner selectors) {
        this.planner = requireNonNull(planner, "planner is null");
        this.selectors = requireNonNull(selectors, "selectors is null");
    }

    StepNode plan(Call call, EvalGrid grid) {
        String name = call.function().name();
        List<Expr> args = call.args();
        RangeFunction range = RangeFunction.byName(name);
        if (range != null) {
            return switch (range) {
                case QUANTILE_OVER_TIME -> selectors.window(args.get(1), grid, range, Optional.of(planner.plan(args.get(0), grid)),
                        PromQlPlanner.position(args.get(0)));
                case PREDICT_LINEAR -> selectors.window(args.get(0), grid, range, Optional.of(planner.plan(args.get(1), grid)));
                default -> selectors.window(args.get(0), grid, range, Optional.empty());
            };
        }
        MathFunction math = MathFunction.byName(name);
        if (math != null) {
            if (math.isTimeFunction()) {
                StepNode input = args.isEmpty() ? new ScalarOf(StepGrid.time(grid), true) : planner.plan(args.get(0), grid);
                return new InstantFunction(input, math, List.of());
            }
            List<StepNode> scalars = new ArrayList<>();
            for (int i = 1; i < args.size(); i++) {
                scalars.add(planner.plan(args.get(i), grid));
            }
            if (math == MathFunction.ROUND && scalars.isEmpty()) {
                scalars.add(StepGrid.constant(grid, 1));
            }
            return new InstantFunction(planner.plan(args.get(0), grid), math, scalars);
        }
        return switch (name) {
            case "time" -> StepGrid.time(grid);
            case "pi" -> StepGrid.constant(grid, Math.PI);
            case "scalar" -> new ScalarOf(planner.plan(args.get(0), grid), false);
            case "vector" -> new ScalarOf(planner.plan(args.get(0), grid), true);
            case "timestamp" -> timestamp(args.get(0), grid);
            case "sort", "sort_desc" -> new Sort(planner.plan(args.get(0), grid), name.equals("sort_desc"), PromQlPlanner.position(call));
            case "absent" -> new Absent(planner.plan(args.get(0), grid), absentLabels(args.get(0)));
            case "absent_over_time" -> new Absent(selectors.window(args.get(0), grid, RangeFunction.COUNT_OVER_TIME, Optional.empty()),
                    absentLabels(args.get(0)));
            case "label_replace" -> LabelRewrite.replace(planner.plan(args.get(0), grid), string(args.get(1)), string(args.get(2)),
                    string(args.get(3)), string(args.get(4)));
            case "label_join" -> LabelRewrite.join(planner.plan(args.get(0), grid), string(args.get(1)), string(args.get(2)),
                    args.subList(3, args.size()).stream().map(CallPlanner::string).toList());
            case "histogram_quantile" -> new HistogramQuantile(planner.plan(args.get(0), grid), null, planner.plan(args.get(1), grid),
                    PromQlPlanner.position(args.get(0)), PromQlPlanner.position(args.get(1)));
            case "histogram_fraction" -> new HistogramQuantile(planner.plan(args.get(0), grid), planner.plan(args.get(1), grid),
                    planner.plan(args.get(2), grid), PromQlPlanner.position(args.get(0)), PromQlPlanner.position(args.get(2)));
            default -> throw Unsupported.of("function " + name);
        };
    }

    private StepNode timestamp(Expr arg, EvalGrid grid) {
        if (PromQlPlanner.unwrap(arg) instanceof VectorSelector v) {
            return selectors.instant(v, grid, true);
        }
        return new InstantFunction(planner.plan(arg, grid), MathFunction.STEP_TIME, List.of());
    }

    private static String string(Expr expr) {
        if (PromQlPlanner.unwrap(expr) instanceof StringLiteral s) {
            return s.value();
        }
        throw Unsupported.of("non-literal string argument");
    }

    /** Prometheus's {@code createLabelsForAbsentFunction}: equality matchers, dropped when a name repeats. */
    private static Labels absentLabels(Expr arg) {
        Expr e = PromQlPlanner.unwrap(arg);
        VectorSelector selector = null;
        if (e instanceof VectorSelector v) {
            selector = v;
        } else if (e instanceof MatrixSelector m) {
            selector = m.selector();
        } else if (e instanceof SubqueryExpr) {
            return Labels.EMPTY;
        }
        if (selector == null) {
            return Labels.EMPTY;
        }
        Map<String, String> labels = new HashMap<>();
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
        return Labels.fromMap(labels);
    }
}
