package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.Operator;
import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.QueryContext;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.TableSource;
import java.util.List;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * ORDER BY … LIMIT (with optional OFFSET) over a scan pipeline, on parallel workers: each worker
 * keeps the first {@code offset + fetch} rows of the splits it reads ({@link SortOperator} with
 * that FETCH), and a final {@link SortOperator} over the workers' rows applies the query's
 * OFFSET and FETCH. Every row of the answer is among some worker's first {@code offset + fetch},
 * so the answer is the one-thread answer up to the order of rows whose sort keys tie (which SQL
 * leaves open). The workers' partial rows stay in the query's allocator until the final sort has
 * collected them; then every worker's pipeline is closed.
 */
public final class ParallelTopNOperator implements Operator {
    private final QueryContext context;
    private final TableSource source;
    private final ScanRequest request;
    private final OperatorFactory pipeline;
    private final List<SortKey> keys;
    private final long offset;
    private final long fetch;
    private SortOperator merged;

    /**
     * @param pipeline the operators between the scan and the sort, the scan included
     * @param fetch rows to return after {@code offset}, at least 0
     */
    public ParallelTopNOperator(QueryContext context, TableSource source, ScanRequest request, OperatorFactory pipeline, List<SortKey> keys,
            long offset, long fetch) {
        this.context = requireNonNull(context, "context is null");
        this.source = requireNonNull(source, "source is null");
        this.request = requireNonNull(request, "request is null");
        this.pipeline = requireNonNull(pipeline, "pipeline is null");
        this.keys = List.copyOf(requireNonNull(keys, "keys is null"));
        if (offset < 0 || fetch < 0) {
            throw new IllegalArgumentException("offset and fetch must not be negative: " + offset + ", " + fetch);
        }
        this.offset = offset;
        this.fetch = fetch;
    }

    @Override
    public VectorSchemaRoot next() {
        if (merged != null) {
            return merged.next();
        }
        long keep = offset + fetch;
        ScanWorkers<SortOperator> workers = ScanWorkers.create(context, source, request, pipeline,
                (worker, rows) -> new SortOperator(worker, rows, keys, 0, keep));
        try {
            // the partial top-Ns hold their rows in Arrow vectors: they stay open until the final sort copied them
            workers.run(SortOperator::consumeInput, false);
            merged = context.register(new SortOperator(context, new Concatenation(workers.partials()), keys, offset, fetch));
            merged.consumeInput();
            workers.close();
            return merged.next();
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

    /** The workers' rows, one partial after another; the partials are closed by their workers' contexts. */
    private static final class Concatenation implements Operator {
        private final List<SortOperator> parts;
        private int current;

        Concatenation(List<SortOperator> parts) {
            this.parts = parts;
        }

        @Override
        public VectorSchemaRoot next() {
            while (current < parts.size()) {
                VectorSchemaRoot batch = parts.get(current).next();
                if (batch != null) {
                    return batch;
                }
                current++;
            }
            return null;
        }

        @Override
        public void close() {}
    }
}
