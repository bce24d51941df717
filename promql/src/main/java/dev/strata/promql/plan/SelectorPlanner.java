package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.TimeShift;
import dev.strata.engine.series.rel.RangeSelect;
import dev.strata.engine.series.rel.RangeWindow;
import dev.strata.engine.series.rel.SeriesRowType;
import dev.strata.engine.series.rel.SeriesScan;
import dev.strata.engine.series.rel.SeriesSubquery;
import dev.strata.engine.series.rel.StepAlign;
import dev.strata.promql.ast.AtModifier;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.VectorSelector;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * Selectors: {@code SeriesScan -> StepAlign} for instant vectors and
 * {@code SeriesScan -> RangeWindow(fn)} for range vectors, the scan's time range widened by the lookback or
 * range and shifted by {@code offset}/{@code @}. Subqueries plan their inner expression on their own grid.
 */
final class SelectorPlanner {
    private final PromQlPlanner planner;
    private final PlannerContext context;
    private final RelBuilder relBuilder;

    SelectorPlanner(PromQlPlanner planner, PlannerContext context, RelBuilder relBuilder) {
        this.planner = requireNonNull(planner, "planner is null");
        this.context = requireNonNull(context, "context is null");
        this.relBuilder = requireNonNull(relBuilder, "relBuilder is null");
    }

    RelNode instant(VectorSelector selector, EvalGrid grid, boolean timestamps) {
        checkPlain(selector);
        TimeShift shift = shift(selector.offset(), selector.at());
        relBuilder.push(scan(selector, grid, shift, context.lookbackMs()));
        return relBuilder.push(StepAlign.create(relBuilder.build(), grid, context.lookbackMs(), shift, timestamps)).build();
    }

    RelNode window(Expr rangeExpr, EvalGrid grid, String function, Optional<RelNode> argument) {
        return window(rangeExpr, grid, function, argument, "");
    }

    RelNode window(Expr rangeExpr, EvalGrid grid, String function, Optional<RelNode> argument, String argumentPosition) {
        RangeInput input = rangeInput(rangeExpr, grid);
        return relBuilder.push(RangeWindow.create(input.series(), argument, function, grid, input.rangeMs(), input.shift(), argumentPosition))
                .build();
    }

    /** A range-vector expression evaluated on its own at one time: its samples in the window. */
    RelNode matrix(Expr rangeExpr, EvalGrid grid) {
        RangeInput input = rangeInput(rangeExpr, grid);
        return relBuilder.push(RangeSelect.create(input.series(), grid.startMs(), input.rangeMs(), input.shift())).build();
    }

    /** The series behind a range vector, its window length and its time shift. */
    private record RangeInput(RelNode series, long rangeMs, TimeShift shift) {}

    private RangeInput rangeInput(Expr rangeExpr, EvalGrid grid) {
        Expr rangeArg = PromQlPlanner.unwrap(rangeExpr);
        if (rangeArg instanceof MatrixSelector m) {
            checkPlain(m.selector());
            if (m.rangeExpr().isPresent()) {
                throw Unsupported.of("duration expressions");
            }
            TimeShift shift = shift(m.selector().offset(), m.selector().at());
            long range = m.range().toMillis();
            return new RangeInput(scan(m.selector(), grid, shift, range), range, shift);
        }
        if (rangeArg instanceof SubqueryExpr sq) {
            if (sq.rangeExpr().isPresent() || sq.stepExpr().isPresent() || sq.offsetExpr().isPresent()) {
                throw Unsupported.of("duration expressions");
            }
            TimeShift shift = shift(sq.offset(), sq.at());
            long range = sq.range().toMillis();
            long step = sq.step().isZero() ? context.defaultSubqueryStepMs() : sq.step().toMillis();
            long outerStart = shift.apply(grid.startMs());
            long outerEnd = shift.apply(grid.endMs());
            long innerStart = step * ((outerStart - range) / step);
            if (innerStart <= outerStart - range) {
                innerStart += step;
            }
            if (innerStart > outerEnd) {
                // no inner step falls in any window: a series input without rows
                return new RangeInput(relBuilder.values(SeriesRowType.of(relBuilder.getTypeFactory())).build(), range, shift);
            }
            long innerEnd = innerStart + ((outerEnd - innerStart) / step) * step;
            EvalGrid inner = new EvalGrid(innerStart, innerEnd, step);
            return new RangeInput(SeriesSubquery.create(planner.plan(sq.expr(), inner)), range, shift);
        }
        throw Unsupported.of("range argument " + rangeArg.getClass().getSimpleName());
    }

    private static void checkPlain(VectorSelector selector) {
        if (selector.anchored() || selector.smoothed()) {
            throw Unsupported.of("anchored/smoothed selectors");
        }
        if (selector.offsetExpr().isPresent()) {
            throw Unsupported.of("duration expressions");
        }
    }

    private RelNode scan(VectorSelector selector, EvalGrid grid, TimeShift shift, long window) {
        long min = shift.apply(grid.startMs()) - window;
        long max = shift.apply(grid.endMs());
        return SeriesScan.create(relBuilder.getCluster(), selector.matchers(), min, max);
    }

    TimeShift shift(Duration offset, Optional<AtModifier> at) {
        OptionalLong atMs = OptionalLong.empty();
        if (at.isPresent()) {
            AtModifier a = at.get();
            atMs = OptionalLong.of(switch (a.kind()) {
                case START -> context.queryStartMs();
                case END -> context.queryEndMs();
                case TIMESTAMP -> a.timestampMillis();
            });
        }
        return new TimeShift(offset.toMillis(), atMs);
    }
}
