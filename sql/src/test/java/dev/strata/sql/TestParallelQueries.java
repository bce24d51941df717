package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryGenerator;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Aggregations and top-Ns whose scans are read by several workers: answers equal to one thread's, every
 * worker allocating from the query's allocator, and failures, cancellation and limits in one
 * worker ending the whole query with every buffer freed (the allocator must be empty after each
 * test).
 */
final class TestParallelQueries {
    private static final String TENANT = "t1";
    private static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(\"value\"), min(\"value\"), max(\"value\"), avg(\"value\") FROM samples",
            "SELECT metric, count(*), avg(\"value\"), max(\"value\") FROM samples GROUP BY metric",
            "SELECT series_id, min(ts), max(\"value\") FROM samples WHERE labels['job'] = 'api' GROUP BY series_id",
            "SELECT FLOOR(ts TO MINUTE), labels['job'], sum(\"value\") FROM samples WHERE ts >= TIMESTAMP '2024-01-01 00:05:00' "
                    + "GROUP BY FLOOR(ts TO MINUTE), labels['job']",
            "SELECT level, count(*) FROM logs WHERE line LIKE '%a%' GROUP BY level",
            "SELECT labels['app'], level, count(*), sum(length(line)) FROM logs GROUP BY labels['app'], level",
            "SELECT series_id, max(\"value\") AS m FROM samples GROUP BY series_id ORDER BY m DESC, series_id LIMIT 5",
            "SELECT count(*) FROM samples WHERE \"value\" < -1e300",
            "SELECT ts, \"value\", series_id FROM samples WHERE labels['job'] = 'api' ORDER BY \"value\" DESC, series_id, ts LIMIT 7",
            "SELECT ts_ns, upper(line) FROM logs WHERE level <> 'debug' ORDER BY ts_ns DESC, line LIMIT 20 OFFSET 5");

    private final TelemetryGenerator generator = new TelemetryGenerator(3, 120, 3000, 40);
    private BufferAllocator allocator;
    private QueryWorkerPool workers;
    private InMemoryTableSource store;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        workers = QueryWorkerPool.create(3);
        // small splits: every scan has dozens for the workers to share
        store = new InMemoryTableSource(700, 256).addAll(TENANT, generator);
    }

    @AfterEach
    void tearDown() {
        workers.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private SqlQueryService service(TableSource source, QueryWorkerPool pool) {
        return SqlTesting.service(source, allocator, new ExecutorConfig(500, pool), SqlConfig.DEFAULT);
    }

    private static List<List<Object>> rows(SqlQueryService service, String sql, QueryLimits limits) {
        try (QueryResult result = service.execute(TENANT, sql, limits)) {
            return ResultComparison.normalizedRows(result);
        }
    }

    @Test
    void answersEqualOneThreadsAnswers() {
        SqlQueryService one = service(store, QueryWorkerPool.SEQUENTIAL);
        SqlQueryService many = service(store, workers);
        for (String sql : QUERIES) {
            List<List<Object>> expected = rows(one, sql, QueryLimits.DEFAULT);
            assertThat(expected).as(sql).isNotEmpty();
            List<List<Object>> actual = rows(many, sql, QueryLimits.DEFAULT);
            assertThat(ResultComparison.difference(expected, actual, sql.contains("ORDER BY"))).as(sql).isNull();
        }
    }

    @Test
    void workersReadSplitsConcurrentlyFromTheQueryAllocator() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        Set<BufferAllocator> allocators = ConcurrentHashMap.newKeySet();
        CountDownLatch secondThread = new CountDownLatch(1);
        TableSource source = new InterceptingSource(store, (split, allocator) -> {
            allocators.add(allocator);
            if (threads.add(Thread.currentThread().getName()) && threads.size() == 2) {
                secondThread.countDown();
            }
            // the first worker to open a split waits for another: only concurrent workers pass
            if (threads.size() == 1) {
                await(secondThread);
            }
            return false;
        });
        List<List<Object>> actual = rows(service(source, workers), QUERIES.get(1), QueryLimits.DEFAULT);
        assertThat(ResultComparison.difference(rows(service(store, QueryWorkerPool.SEQUENTIAL), QUERIES.get(1), QueryLimits.DEFAULT),
                actual, false)).isNull();
        assertThat(threads).hasSizeGreaterThanOrEqualTo(2);
        // one allocator, the query's: its memory limit counts every worker's buffers
        assertThat(allocators).hasSize(1);
        assertThat(allocators.iterator().next().getName()).startsWith("query-");
    }

    @Test
    void aFailingWorkerFailsTheQueryAndFreesEveryWorkersBuffers() {
        AtomicInteger opened = new AtomicInteger();
        TableSource source = new InterceptingSource(store, (split, allocator) -> {
            int n = opened.incrementAndGet();
            if (n == 4) {
                throw new IllegalStateException("disk on fire");
            }
            return n == 2;
        });
        for (String sql : QUERIES) {
            opened.set(0);
            assertThatThrownBy(() -> rows(service(source, workers), sql, QueryLimits.DEFAULT)).as(sql)
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("disk on fire");
            assertThat(allocator.getAllocatedMemory()).as(sql).isZero();
        }
    }

    @Test
    void cancellingStopsEveryWorker() {
        AtomicReference<QueryResult> running = new AtomicReference<>();
        AtomicInteger opened = new AtomicInteger();
        TableSource source = new InterceptingSource(store, (split, allocator) -> {
            if (opened.incrementAndGet() == 3) {
                running.get().cancel();
            }
            return false;
        });
        try (QueryResult result = service(source, workers).execute(TENANT, QUERIES.get(1), QueryLimits.DEFAULT)) {
            running.set(result);
            assertThatThrownBy(result::next).isInstanceOfSatisfying(StrataException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_CANCELLED.toErrorCode()));
        }
        assertThat(opened.get()).isLessThan(store.splits(new ScanRequest(TENANT, "samples", List.of("metric"),
                dev.strata.spi.model.TimeRange.ALL, List.of(), java.util.OptionalLong.empty())).size());
    }

    @Test
    void timeAndMemoryLimitsHoldAcrossWorkers() {
        SqlQueryService service = service(store, workers);
        assertThatThrownBy(() -> rows(service, QUERIES.get(3), QueryLimits.DEFAULT.withTimeout(Duration.ofNanos(1))))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_TIMEOUT.toErrorCode()));
        assertThatThrownBy(() -> rows(service, QUERIES.get(5), QueryLimits.DEFAULT.withMaxMemoryBytes(16 * 1024)))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.QUERY_MEMORY_LIMIT.toErrorCode()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a test does as a split is opened; true makes the split's reader fail on its first batch. */
    @FunctionalInterface
    private interface OpenHook {
        boolean opening(Split split, BufferAllocator allocator);
    }

    /** A source that runs a hook before opening each split of the delegate. */
    private record InterceptingSource(TableSource delegate, OpenHook hook) implements TableSource {
        @Override
        public Set<String> tenants() {
            return delegate.tenants();
        }

        @Override
        public Schema schema(String table) {
            return delegate.schema(table);
        }

        @Override
        public List<Split> splits(ScanRequest request) {
            return delegate.splits(request);
        }

        @Override
        public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
            boolean failReads = hook.opening(split, allocator);
            BatchReader reader = delegate.open(request, split, allocator);
            if (!failReads) {
                return reader;
            }
            return new BatchReader() {
                @Override
                public boolean loadNext() {
                    reader.loadNext();
                    throw new IllegalStateException("disk on fire");
                }

                @Override
                public VectorSchemaRoot root() {
                    return reader.root();
                }

                @Override
                public void close() {
                    reader.close();
                }
            };
        }
    }
}
