package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.exec.Annotations;
import dev.strata.engine.series.exec.EvalContext;
import dev.strata.engine.series.exec.ResultNames;
import dev.strata.engine.series.exec.SeriesNode;
import dev.strata.engine.series.exec.StepNode;
import dev.strata.promql.ast.Expr;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Plans and runs PromQL expressions against a {@link TableSource}. Each run borrows a child
 * allocator of {@code allocator} for the scan's Arrow buffers and closes it before returning.
 */
public final class PromQlEngine {
    private final TableSource source;
    private final BufferAllocator allocator;
    private final Settings settings;

    /** Engine settings: lookback delta, default subquery step, sample limit per query. */
    public record Settings(long lookbackMs, long defaultSubqueryStepMs, long maxSamples) {
        public static final Settings DEFAULT = new Settings(300_000, 60_000, 50_000_000);
    }

    public PromQlEngine(TableSource source, BufferAllocator allocator, Settings settings) {
        this.source = requireNonNull(source, "source is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /** The plan of {@code expr} evaluated at every step of {@code grid}. */
    public StepNode plan(Expr expr, EvalGrid grid) {
        PlannerContext context = new PlannerContext(grid.startMs(), grid.endMs(), settings.lookbackMs(), settings.defaultSubqueryStepMs());
        return new PromQlPlanner(context).plan(expr, grid);
    }

    /** The plan as text, one node per line (the PromQL {@code EXPLAIN}). */
    public String explain(Expr expr, EvalGrid grid) {
        return plan(expr, grid).explain();
    }

    /** Evaluates a range-vector expression at one time: each series' samples in its window. */
    public List<RawSeries> evaluateMatrix(String tenant, Expr expr, long timeMs) {
        PlannerContext context = new PlannerContext(timeMs, timeMs, settings.lookbackMs(), settings.defaultSubqueryStepMs());
        SeriesNode plan = new PromQlPlanner(context).planMatrix(expr, timeMs);
        try (BufferAllocator query = allocator.newChildAllocator("promql", 0, Long.MAX_VALUE)) {
            return plan.series(new EvalContext(source, tenant, query, settings.maxSamples(), new Annotations()));
        }
    }

    public StepVector evaluate(String tenant, Expr expr, EvalGrid grid) {
        return evaluateAnnotated(tenant, expr, grid).value();
    }

    /** A query's value and the annotations (warnings, infos) its evaluation produced. */
    public record Evaluation(StepVector value, List<String> warnings, List<String> infos) {}

    public Evaluation evaluateAnnotated(String tenant, Expr expr, EvalGrid grid) {
        StepNode plan = plan(expr, grid);
        Annotations annotations = new Annotations();
        try (BufferAllocator query = allocator.newChildAllocator("promql", 0, Long.MAX_VALUE)) {
            StepVector result = plan.evaluate(new EvalContext(source, tenant, query, settings.maxSamples(), annotations));
            return new Evaluation(ResultNames.finish(result), annotations.warnings(), annotations.infos());
        }
    }
}
