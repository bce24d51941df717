package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.SeriesResult;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.calcite.rel.RelNode;

/**
 * Runs a logical series plan ({@link dev.strata.engine.series.rel}) against a {@link TableSource}:
 * builds one operator per node, then evaluates the tree with a child allocator of
 * {@code allocator} per run, closed before returning, and the sample limit. Thread-safe: a run's
 * state lives in its own context.
 */
public final class SeriesPlanExecutor {
    private final TableSource source;
    private final BufferAllocator allocator;
    private final long maxSamples;
    private final QueryWorkerPool workers;

    public SeriesPlanExecutor(TableSource source, BufferAllocator allocator, long maxSamples) {
        this(source, allocator, maxSamples, QueryWorkerPool.SEQUENTIAL);
    }

    /** @param workers the threads a samples scan may read its splits with (owned by the caller) */
    public SeriesPlanExecutor(TableSource source, BufferAllocator allocator, long maxSamples, QueryWorkerPool workers) {
        this.workers = requireNonNull(workers, "workers is null");
        this.source = requireNonNull(source, "source is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        if (maxSamples <= 0) {
            throw new IllegalArgumentException("maxSamples must be positive: " + maxSamples);
        }
        this.maxSamples = maxSamples;
    }

    /** Evaluates a plan of values on a grid (an instant vector or a scalar) for {@code tenant}. */
    public SeriesResult execute(String tenant, RelNode plan) {
        StepNode root = SeriesOperators.step(requireNonNull(plan, "plan is null"));
        Annotations annotations = new Annotations();
        try (BufferAllocator query = allocator.newChildAllocator("series-query", 0, Long.MAX_VALUE)) {
            StepVector result = root.evaluate(new EvalContext(source, tenant, query, maxSamples, annotations, workers));
            return new SeriesResult(ResultNames.finish(result), annotations.warnings(), annotations.infos());
        }
    }

    /** Evaluates a plan of raw samples (a range vector at one time) for {@code tenant}. */
    public List<RawSeries> executeRaw(String tenant, RelNode plan) {
        SeriesNode root = SeriesOperators.raw(requireNonNull(plan, "plan is null"));
        try (BufferAllocator query = allocator.newChildAllocator("series-query", 0, Long.MAX_VALUE)) {
            return root.series(new EvalContext(source, tenant, query, maxSamples, new Annotations(), workers));
        }
    }
}
