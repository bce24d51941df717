package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.operator.RowsToBatchesOperator;
import dev.strata.engine.planner.PhysicalPlan;
import dev.strata.spi.error.StrataException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * Runs physical plans. Every query gets a child allocator {@code query-<n>} of the process's root
 * allocator, limited to the query's memory budget, a deadline and a cancel flag. Thread-safe.
 */
public final class QueryExecutor {
    private final BufferAllocator rootAllocator;
    private final InstantSource clock;
    private final ExecutorConfig config;
    private final AtomicLong queryIds = new AtomicLong();

    public QueryExecutor(BufferAllocator rootAllocator, InstantSource clock, ExecutorConfig config) {
        this.rootAllocator = requireNonNull(rootAllocator, "rootAllocator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.config = requireNonNull(config, "config is null");
    }

    /** Starts {@code plan}; the caller pulls batches from the result and must close it. */
    public QueryResult execute(PhysicalPlan plan, QueryLimits limits) {
        requireNonNull(plan, "plan is null");
        requireNonNull(limits, "limits is null");
        String queryId = "query-" + queryIds.incrementAndGet();
        BufferAllocator allocator = rootAllocator.newChildAllocator(queryId, 0, limits.maxMemoryBytes());
        AtomicBoolean cancelled = new AtomicBoolean();
        Instant now = clock.instant();
        QueryContext context = new QueryContext(queryId, allocator, clock, now.plus(limits.timeout()), cancelled, config.batchRows(),
                config.workers());
        try {
            Operator root;
            if (plan.executable() instanceof PhysicalPlan.Columnar columnar) {
                root = columnar.root().create(context);
            } else {
                PhysicalPlan.Enumerable enumerable = (PhysicalPlan.Enumerable) plan.executable();
                Enumerable<Object> rows = enumerable.bindable().bind(new QueryDataContext(enumerable.stash(), context, now.toEpochMilli(), cancelled));
                Enumerator<Object> enumerator = rows.enumerator();
                root = context.register(new RowsToBatchesOperator(context, enumerator, plan.columns()));
            }
            return new QueryResult(queryId, plan.columns(), context, allocator, root, cancelled, limits.maxRows());
        } catch (RuntimeException e) {
            try {
                context.closeResources();
            } finally {
                allocator.close();
            }
            throw translate(e, queryId, limits.maxMemoryBytes());
        }
    }

    /** Maps a failure while running a query to its categorised exception. */
    static StrataException translate(RuntimeException e, String queryId, long memoryLimit) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StrataException strata) {
                return strata;
            }
            if (cause instanceof OutOfMemoryException oom) {
                return QueryResult.memoryLimit(queryId, memoryLimit, oom);
            }
            if (cause instanceof ArithmeticException || cause instanceof NumberFormatException) {
                return new StrataException(EngineErrorCode.EVALUATION_ERROR, "query " + queryId + ": " + cause.getMessage(), e);
            }
        }
        return new StrataException(EngineErrorCode.INTERNAL, "query " + queryId + " failed: " + e, e);
    }
}
