package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.EngineErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The state of one running query: its allocator (owned by the executor), deadline, cancel flag,
 * worker pool and the operators created for it, which the executor closes in reverse order of
 * creation whether or not the plan closed them itself. A parallel operator gives each of its
 * workers a {@link #forWorker worker context}: the same allocator (so the memory limit holds across
 * workers), deadline and cancel flag, plus the split queue the worker's scan reads and a stop flag
 * raised when a sibling worker fails; the worker closes what it registered there itself.
 */
public final class QueryContext {
    private final String queryId;
    private final BufferAllocator allocator;
    private final InstantSource clock;
    private final Instant deadline;
    private final AtomicBoolean cancelled;
    private final int batchRows;
    private final QueryWorkerPool workers;
    private final AtomicBoolean stopped;
    private final SplitQueue splits;
    private final List<AutoCloseable> resources = new ArrayList<>();

    public QueryContext(String queryId, BufferAllocator allocator, InstantSource clock, Instant deadline, AtomicBoolean cancelled, int batchRows) {
        this(queryId, allocator, clock, deadline, cancelled, batchRows, QueryWorkerPool.SEQUENTIAL);
    }

    public QueryContext(String queryId, BufferAllocator allocator, InstantSource clock, Instant deadline, AtomicBoolean cancelled, int batchRows,
            QueryWorkerPool workers) {
        this(queryId, allocator, clock, deadline, cancelled, batchRows, workers, new AtomicBoolean(), null);
    }

    private QueryContext(String queryId, BufferAllocator allocator, InstantSource clock, Instant deadline, AtomicBoolean cancelled, int batchRows,
            QueryWorkerPool workers, AtomicBoolean stopped, SplitQueue splits) {
        this.workers = requireNonNull(workers, "workers is null");
        this.stopped = requireNonNull(stopped, "stopped is null");
        this.splits = splits;
        this.queryId = requireNonNull(queryId, "queryId is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.deadline = requireNonNull(deadline, "deadline is null");
        this.cancelled = requireNonNull(cancelled, "cancelled is null");
        if (batchRows <= 0) {
            throw new IllegalArgumentException("batchRows must be positive: " + batchRows);
        }
        this.batchRows = batchRows;
    }

    public String queryId() {
        return queryId;
    }

    public BufferAllocator allocator() {
        return allocator;
    }

    /** The threads this query may spread its scans over. */
    public QueryWorkerPool workers() {
        return workers;
    }

    /**
     * A context for one worker of a parallel operator: the scan created under it reads
     * {@code sharedSplits} (shared with the sibling workers) instead of listing the splits itself, and
     * {@link #checkRunning()} also fails once {@code stop} is raised. Its resources are the
     * worker's, closed by the worker.
     */
    public QueryContext forWorker(AtomicBoolean stop, SplitQueue sharedSplits) {
        return new QueryContext(queryId, allocator, clock, deadline, cancelled, batchRows, workers, requireNonNull(stop, "stop is null"),
                requireNonNull(sharedSplits, "sharedSplits is null"));
    }

    /** The splits shared by the workers of a parallel operator, or null outside one (the scan lists its own). */
    public SplitQueue sharedSplits() {
        return splits;
    }

    /** Rows per batch an operator produces when it builds batches itself. */
    public int batchRows() {
        return batchRows;
    }

    /** Throws when the query was cancelled or ran out of time; operators call it once per batch. */
    public void checkRunning() {
        if (cancelled.get()) {
            throw new StrataException(EngineErrorCode.QUERY_CANCELLED, "query " + queryId + " was cancelled");
        }
        if (stopped.get()) {
            throw new StrataException(EngineErrorCode.QUERY_CANCELLED, "query " + queryId + ": worker stopped after another worker failed");
        }
        if (clock.instant().isAfter(deadline)) {
            throw new StrataException(EngineErrorCode.QUERY_TIMEOUT, "query " + queryId + " exceeded its time limit");
        }
    }

    /** Registers an operator or other resource to be closed when the query ends. */
    public synchronized <T extends AutoCloseable> T register(T resource) {
        resources.add(requireNonNull(resource, "resource is null"));
        return resource;
    }

    /** Closes every registered resource, newest first; rethrows the first failure. */
    public synchronized void closeResources() {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
