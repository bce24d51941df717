package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that read the splits of one query in parallel, shared by every query of the process
 * and closed by whoever created it (the server), with the off-heap {@link ScratchPages} those
 * queries borrow. {@link #threads()} is how many workers one query
 * may use, its calling thread included: the pool itself has one thread fewer. The calling thread
 * always works, and runs itself every task no pool thread has started by the time it is done, so
 * a query never waits for a pool thread busy with other queries, and a task never waits for the
 * pool (no deadlock however many queries run). Thread-safe.
 */
public final class QueryWorkerPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueryWorkerPool.class);

    /** One worker per query, no threads: every task runs on the calling thread; no scratch page is kept between queries. */
    public static final QueryWorkerPool SEQUENTIAL = new QueryWorkerPool(1, null, ScratchPages.none());

    /** Scratch pages kept between queries by a pool of {@link #create}: a dashboard query's PromQL samples. */
    public static final long KEPT_SCRATCH_BYTES = 64L << 20;

    private final int threads;
    private final ExecutorService executor;
    private final ScratchPages scratch;

    private QueryWorkerPool(int threads, ExecutorService executor, ScratchPages scratch) {
        this.threads = threads;
        this.executor = executor;
        this.scratch = scratch;
    }

    /** A pool letting one query use up to {@code threads} threads (the caller's and {@code threads - 1} daemon threads). */
    public static QueryWorkerPool create(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        if (threads == 1) {
            return new QueryWorkerPool(1, null, ScratchPages.keeping(KEPT_SCRATCH_BYTES));
        }
        AtomicInteger names = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "strata-query-" + names.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ExecutorService executor = new ThreadPoolExecutor(threads - 1, threads - 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
        LOG.info("query worker pool started [threads={}]", threads);
        return new QueryWorkerPool(threads, executor, ScratchPages.keeping(KEPT_SCRATCH_BYTES));
    }

    /** Off-heap scratch pages the queries of this pool borrow, some kept between queries. */
    public ScratchPages scratch() {
        return scratch;
    }

    /** Most workers one query may use, its calling thread included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code task} as workers {@code 0..n)} with {@code n = min(workers, threads())}, worker 0
     * on the calling thread, and returns when all have ended, their results in worker order. When
     * one fails, {@code stop} is raised so that the others end early (a task checks it between
     * batches), and once all have ended the first failure is thrown (later ones suppressed under
     * it): no worker outlives the call, so each has freed its buffers before the caller sees the
     * outcome.
     */
    public <T> List<T> run(int workers, AtomicBoolean stop, IntFunction<T> task) {
        requireNonNull(stop, "stop is null");
        requireNonNull(task, "task is null");
        int n = Math.max(1, Math.min(workers, threads));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Slot<T>> slots = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            slots.add(new Slot<>(i, task, stop, failure));
        }
        for (int i = 1; i < n; i++) {
            try {
                executor.execute(slots.get(i)::runIfUnclaimed);
            } catch (RejectedExecutionException e) {
                // the pool is closing: the caller runs the slot below
            }
        }
        slots.get(0).runIfUnclaimed();
        for (int i = 1; i < n; i++) {
            Slot<T> slot = slots.get(i);
            slot.runIfUnclaimed();
            slot.awaitDone();
        }
        Throwable first = failure.get();
        if (first != null) {
            for (Slot<T> slot : slots) {
                if (slot.failure != null && slot.failure != first) {
                    first.addSuppressed(slot.failure);
                }
            }
            if (first instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (first instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(first);
        }
        List<T> results = new ArrayList<>(n);
        for (Slot<T> slot : slots) {
            results.add(slot.result);
        }
        return results;
    }

    /**
     * Stops taking tasks; tasks already queued still run (an interrupt could close a part file's
     * channel under a worker, so none is sent). A query running afterwards works on its own thread.
     */
    @Override
    public void close() {
        if (executor != null) {
            executor.shutdown();
        }
        if (this != SEQUENTIAL) {
            scratch.close();
        }
    }

    /** One worker: run by whichever thread claims it first, the pool's or the caller's. */
    private static final class Slot<T> {
        private final int index;
        private final IntFunction<T> task;
        private final AtomicBoolean stop;
        private final AtomicReference<Throwable> firstFailure;
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(1);
        // written by the running thread before done.countDown(), read after awaitDone()
        private T result;
        private Throwable failure;

        Slot(int index, IntFunction<T> task, AtomicBoolean stop, AtomicReference<Throwable> firstFailure) {
            this.index = index;
            this.task = task;
            this.stop = stop;
            this.firstFailure = firstFailure;
        }

        void runIfUnclaimed() {
            if (!claimed.compareAndSet(false, true)) {
                return;
            }
            try {
                result = task.apply(index);
            } catch (Throwable t) {
                failure = t;
                firstFailure.compareAndSet(null, t);
                stop.set(true);
            } finally {
                done.countDown();
            }
        }

        void awaitDone() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    // the worker must end before its buffers can be accounted for: wait on, then restore the flag
                    interrupted = true;
                    stop.set(true);
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
