package dev.strata.engine.exec.operator;

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
import java.util.function.Consumer;

/**
 * The workers of one parallel operator: the splits of its scan listed once into a shared
 * {@link SplitQueue}, and per worker a {@link QueryContext#forWorker worker context} with its own
 * copy of the scan pipeline under a partial operator (an aggregation, a top-N). Built on the
 * calling thread (compiling expressions is not meant to run concurrently); {@link #close()}
 * closes whatever the workers left open and releases the splits. Not thread-safe.
 */
final class ScanWorkers<T extends Operator> implements AutoCloseable {
    private final QueryContext context;
    private final TableSource source;
    private final List<Split> splits;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<QueryContext> contexts = new ArrayList<>();
    private final List<T> partials = new ArrayList<>();
    private boolean closed;

    private ScanWorkers(QueryContext context, TableSource source, List<Split> splits) {
        this.context = context;
        this.source = source;
        this.splits = splits;
    }

    /** Lists the splits and builds one pipeline and partial operator per worker (at most one per split). */
    static <T extends Operator> ScanWorkers<T> create(QueryContext context, TableSource source, ScanRequest request, OperatorFactory pipeline,
            BiFunction<QueryContext, Operator, T> partial) {
        ScanWorkers<T> workers = new ScanWorkers<>(context, source, source.splits(request));
        try {
            SplitQueue queue = new SplitQueue(workers.splits);
            int count = Math.max(1, Math.min(context.workers().threads(), workers.splits.size()));
            for (int w = 0; w < count; w++) {
                QueryContext worker = context.forWorker(workers.stop, queue);
                workers.contexts.add(worker);
                workers.partials.add(worker.register(partial.apply(worker, pipeline.create(worker))));
            }
            return workers;
        } catch (RuntimeException e) {
            workers.closeAfter(e);
            throw e;
        }
    }

    /**
     * Runs {@code work} on every partial operator, each on its own worker, and returns when all
     * have ended (throwing the first failure). With {@code closeWhenDone}, each worker closes its
     * pipeline and partial as it ends: the partial's results must then live outside Arrow memory.
     */
    void run(Consumer<T> work, boolean closeWhenDone) {
        context.workers().run(partials.size(), stop, w -> {
            try {
                work.accept(partials.get(w));
            } finally {
                if (closeWhenDone) {
                    contexts.get(w).closeResources();
                }
            }
            return null;
        });
    }

    List<T> partials() {
        return partials;
    }

    /** Closes every worker's pipeline and partial that is still open, then releases the splits. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        try {
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
        } finally {
            source.release(splits);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes after {@code primary} failed, keeping {@code primary} the failure the caller sees. */
    void closeAfter(RuntimeException primary) {
        try {
            close();
        } catch (RuntimeException e) {
            primary.addSuppressed(e);
        }
    }
}
