package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.EngineErrorCode;
import dev.strata.spi.error.StrataException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The streaming result of one query: its columns and a sequence of Arrow batches. Owns the
 * query's allocator; {@link #close()} releases every buffer of the query (also after a failure or
 * cancellation) and fails if any leaked. Not thread-safe except {@link #cancel()}.
 */
public final class QueryResult implements AutoCloseable {
    private final String queryId;
    private final List<ResultColumn> columns;
    private final QueryContext context;
    private final BufferAllocator allocator;
    private final Operator root;
    private final AtomicBoolean cancelled;
    private final long maxRows;
    private long rows;
    private boolean closed;

    QueryResult(String queryId, List<ResultColumn> columns, QueryContext context, BufferAllocator allocator, Operator root, AtomicBoolean cancelled, long maxRows) {
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
        this.context = requireNonNull(context, "context is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.root = requireNonNull(root, "root is null");
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
        this.maxRows = maxRows;
    }

    public String queryId() {
        return queryId;
    }

    public List<ResultColumn> columns() {
        return columns;
    }

    /**
     * The next non-empty batch, or null at the end. Borrowed: valid until the next call or
     * {@link #close()}; its columns are {@link #columns()} in order.
     *
     * @throws StrataException on a limit, cancellation, timeout or evaluation error
     */
    public VectorSchemaRoot next() {
        if (closed) {
            throw new IllegalStateException("result of " + queryId + " is closed");
        }
        try {
            while (true) {
                context.checkRunning();
                VectorSchemaRoot batch = root.next();
                if (batch == null) {
                    return null;
                }
                if (batch.getRowCount() == 0) {
                    continue;
                }
                rows += batch.getRowCount();
                if (rows > maxRows) {
                    throw new StrataException(EngineErrorCode.QUERY_ROW_LIMIT,
                            "query " + queryId + " returned more than " + maxRows + " rows; add a LIMIT or narrow the query");
                }
                return batch;
            }
        } catch (RuntimeException e) {
            throw QueryExecutor.translate(e, queryId, allocator.getLimit());
        }
    }

    /** Rows returned so far. */
    public long rowCount() {
        return rows;
    }

    /** Asks the query to stop; the next batch pull fails with {@code QUERY_CANCELLED}. Thread-safe. */
    public void cancel() {
        cancelled.set(true);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            context.closeResources();
        } finally {
            allocator.close();
        }
    }

    static StrataException memoryLimit(String queryId, long limit, OutOfMemoryException e) {
        return new StrataException(EngineErrorCode.QUERY_MEMORY_LIMIT,
                "query " + queryId + " needed more than its memory limit of " + limit + " bytes", e);
    }
}
