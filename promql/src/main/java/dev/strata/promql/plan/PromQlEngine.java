package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.SeriesResult;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.exec.SeriesPlanExecutor;
import dev.strata.engine.series.rel.SeriesPlanning;
import dev.strata.promql.ast.Expr;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.rel.RelNode;

/**
 * The PromQL entry point: translates an expression into the engine's series plan and hands it to
 * the engine's {@link SeriesPlanExecutor}. PromQL itself evaluates nothing.
 */
public final class PromQlEngine {
    private final Settings settings;
    private final SeriesPlanExecutor executor;

    /** Engine settings: lookback delta, default subquery step, sample limit per query. */
    public record Settings(long lookbackMs, long defaultSubqueryStepMs, long maxSamples) {
        public static final Settings DEFAULT = new Settings(300_000, 60_000, 50_000_000);
    }

    public PromQlEngine(TableSource source, BufferAllocator allocator, Settings settings) {
        this(source, allocator, settings, QueryWorkerPool.SEQUENTIAL);
    }

    /** @param workers the threads a query's sample scans may read their splits with (owned by the caller) */
    public PromQlEngine(TableSource source, BufferAllocator allocator, Settings settings, QueryWorkerPool workers) {
        this.settings = requireNonNull(settings, "settings is null");
        this.executor = new SeriesPlanExecutor(source, allocator, settings.maxSamples(), workers);
    }

    /** The plan of {@code expr} evaluated at every step of {@code grid}. */
    public RelNode plan(Expr expr, EvalGrid grid) {
        return planner(grid.startMs(), grid.endMs()).plan(expr, grid);
    }

    /** The plan as Calcite prints it, one node per line, inputs indented (the PromQL {@code EXPLAIN}). */
    public String explain(Expr expr, EvalGrid grid) {
        return QueryPlanner.explain(plan(expr, grid));
    }

    /** Evaluates a range-vector expression at one time: each series' samples in its window. */
    public List<RawSeries> evaluateMatrix(String tenant, Expr expr, long timeMs) {
        return executor.executeRaw(tenant, planner(timeMs, timeMs).planMatrix(expr, timeMs));
    }

    public StepVector evaluate(String tenant, Expr expr, EvalGrid grid) {
        return evaluateAnnotated(tenant, expr, grid).value();
    }

    /** A query's value and the annotations (warnings, infos) its evaluation produced. */
    public record Evaluation(StepVector value, List<String> warnings, List<String> infos) {}

    public Evaluation evaluateAnnotated(String tenant, Expr expr, EvalGrid grid) {
        SeriesResult result = executor.execute(tenant, plan(expr, grid));
        return new Evaluation(result.value(), result.warnings(), result.infos());
    }

    private PromQlPlanner planner(long startMs, long endMs) {
        PlannerContext context = new PlannerContext(startMs, endMs, settings.lookbackMs(), settings.defaultSubqueryStepMs());
        return new PromQlPlanner(context, SeriesPlanning.relBuilder());
    }
}
