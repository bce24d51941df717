package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.engine.exec.SplitQueue;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hash aggregation over a scan pipeline (one store scan under filters and projections) whose
 * splits are read by up to {@link dev.strata.engine.exec.QueryWorkerPool#threads()} workers. Each
 * worker drives its own copy of the pipeline under a {@link QueryContext#forWorker worker context},
 * taking splits from one shared {@link SplitQueue}, into its own partial aggregation; once every
 * worker has ended, the partials are merged ({@link HashAggregateOperator#absorb}) into the
 * aggregation that emits the groups. The workers allocate from the query's allocator, so its
 * memory limit holds across them; each closes its pipeline when it ends, failed or not, and a
 * failing worker stops the others before the failure reaches the caller. Groups come out in an
 * order that depends on which worker read which split, as SQL allows without ORDER BY.
 */
public final class ParallelAggregateOperator implements Operator {
    private final QueryContext context;
    private final TableSource source;
    private final ScanRequest request;
    private final OperatorFactory pipeline;
    private final BiFunction<QueryContext, Operator, HashAggregateOperator> aggregation;
    private HashAggregateOperator merged;

    /**
     * @param pipeline the operators between the scan and the aggregation, the scan included; under a
     *     worker context its scan reads the shared splits
     * @param aggregation a new aggregation of the query's keys and functions over an input
     */
    public ParallelAggregateOperator(QueryContext context, TableSource source, ScanRequest request, OperatorFactory pipeline,
            BiFunction<QueryContext, Operator, HashAggregateOperator> aggregation) {
        this.context = requireNonNull(context, "context is null");
        this.source = requireNonNull(source, "source is null");
        this.request = requireNonNull(request, "request is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.aggregation = requireNonNull(aggregation, "aggregation is null");
    }

    @Override
    public VectorSchemaRoot next() {
        if (merged == null) {
            merged = aggregate();
        }
        return merged.next();
    }

    private HashAggregateOperator aggregate() {
        List<Split> splits = source.splits(request);
        try {
            SplitQueue queue = new SplitQueue(splits);
            int workers = Math.max(1, Math.min(context.workers().threads(), splits.size()));
            AtomicBoolean stop = new AtomicBoolean();
            List<QueryContext> contexts = new ArrayList<>(workers);
            List<HashAggregateOperator> partials = new ArrayList<>(workers);
            try {
                // built here, on one thread: compiling expressions is not meant to run concurrently
                for (int w = 0; w < workers; w++) {
                    QueryContext worker = context.forWorker(stop, queue);
                    contexts.add(worker);
                    partials.add(worker.register(aggregation.apply(worker, pipeline.create(worker))));
                }
                context.workers().run(workers, stop, w -> {
                    try {
                        partials.get(w).consumeInput();
                    } finally {
                        contexts.get(w).closeResources();
                    }
                    return null;
                });
            } finally {
                closeAll(contexts);
            }
            HashAggregateOperator result = context.register(aggregation.apply(context, new NoRows()));
            for (HashAggregateOperator partial : partials) {
                context.checkRunning();
                result.absorb(partial);
            }
            return result;
        } finally {
            source.release(splits);
        }
    }

    /** Whatever a worker did not close (it never ran, or building the pipelines failed). */
    private static void closeAll(List<QueryContext> contexts) {
        RuntimeException failure = null;
        for (QueryContext worker : contexts) {
            try {
                worker.closeResources();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() {
        if (merged != null) {
            merged.close();
        }
    }

    /** The merged aggregation's input: its rows came from the partials. */
    private static final class NoRows implements Operator {
        @Override
        public VectorSchemaRoot next() {
            return null;
        }

        @Override
        public void close() {}
    }
}
