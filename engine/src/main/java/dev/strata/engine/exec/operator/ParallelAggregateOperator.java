package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.TableSource;
import java.util.function.BiFunction;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Hash aggregation over a scan pipeline (one store scan under filters and projections) whose
 * splits are read by up to {@link dev.strata.engine.exec.QueryWorkerPool#threads()} workers. Each
 * worker drives its own copy of the pipeline under a {@link QueryContext#forWorker worker context},
 * taking splits from one shared queue ({@link ScanWorkers}), into its own partial aggregation; once every
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
        ScanWorkers<HashAggregateOperator> workers = ScanWorkers.create(context, source, request, pipeline, aggregation);
        try {
            // partial states live on the heap: each worker frees its pipeline's buffers as it ends
            workers.run(HashAggregateOperator::consumeInput, true);
            HashAggregateOperator result = context.register(aggregation.apply(context, new NoRows()));
            for (HashAggregateOperator partial : workers.partials()) {
                context.checkRunning();
                result.absorb(partial);
            }
            workers.close();
            return result;
        } catch (RuntimeException e) {
            workers.closeAfter(e);
            throw e;
        }
    }

    @Override
    public void close() {
        if (merged != null) {
            merged.close();
        }
    }

    /** The merged aggregation's input: its rows came from the partials. */
    static final class NoRows implements Operator {
        @Override
        public VectorSchemaRoot next() {
            return null;
        }

        @Override
        public void close() {}
    }
}
