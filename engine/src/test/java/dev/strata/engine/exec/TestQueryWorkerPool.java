package dev.strata.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

final class TestQueryWorkerPool {
    @Test
    void workersRunOnDistinctThreadsAndResultsComeInWorkerOrder() {
        try (QueryWorkerPool pool = QueryWorkerPool.create(3)) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            CountDownLatch allStarted = new CountDownLatch(3);
            List<Integer> results = pool.run(5, new AtomicBoolean(), worker -> {
                threads.add(Thread.currentThread().getName());
                allStarted.countDown();
                // every worker waits for the others: only three threads running at once get past this
                await(allStarted);
                return worker * 10;
            });
            assertThat(results).containsExactly(0, 10, 20);
            assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
        }
    }

    @Test
    void sequentialPoolRunsOneWorkerOnTheCaller() {
        List<String> results = QueryWorkerPool.SEQUENTIAL.run(4, new AtomicBoolean(), worker -> worker + "@" + Thread.currentThread().getName());
        assertThat(results).containsExactly("0@" + Thread.currentThread().getName());
    }

    @Test
    void aFailingWorkerStopsTheOthersAndItsFailureIsThrownAfterAllEnded() {
        try (QueryWorkerPool pool = QueryWorkerPool.create(2)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicBoolean siblingEnded = new AtomicBoolean();
            CountDownLatch siblingRunning = new CountDownLatch(1);
            assertThatThrownBy(() -> pool.run(2, stop, worker -> {
                if (worker == 0) {
                    await(siblingRunning);
                    throw new IllegalStateException("worker 0 broke");
                }
                siblingRunning.countDown();
                while (!stop.get()) {
                    Thread.onSpinWait();
                }
                siblingEnded.set(true);
                throw new IllegalStateException("stopped");
            })).isInstanceOf(IllegalStateException.class)
                    .hasMessage("worker 0 broke")
                    .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("stopped"));
            assertThat(stop).isTrue();
            assertThat(siblingEnded).isTrue();
        }
    }

    @Test
    void aSaturatedPoolLeavesTheWorkToTheCaller() throws Exception {
        try (QueryWorkerPool pool = QueryWorkerPool.create(2)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch blocking = new CountDownLatch(1);
            // worker 0 of the other query waits for worker 1, so worker 1 runs on the pool's thread
            Thread other = new Thread(() -> pool.run(2, new AtomicBoolean(), worker -> {
                if (worker == 1) {
                    blocking.countDown();
                    await(release);
                } else {
                    await(blocking);
                }
                return null;
            }));
            other.start();
            await(blocking);
            // the pool's only thread is held by the other query: both workers of this one run here
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Integer> results = pool.run(2, new AtomicBoolean(), worker -> {
                threads.add(Thread.currentThread().getName());
                return worker;
            });
            assertThat(results).containsExactly(0, 1);
            assertThat(threads).containsExactly(Thread.currentThread().getName());
            release.countDown();
            other.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch not released in 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
