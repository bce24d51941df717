package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.ExecutorConfig;
import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The differential suite: every query of {@code sql/differential.sql} runs on Strata (over the
 * in-memory source) and on DuckDB over Parquet files of the same generated rows; the answers must
 * be equal (as multisets unless the case is marked ordered; floats within 1e-9 relative). After
 * each query no Arrow memory may remain allocated. One query thread here;
 * {@link TestSqlDifferentialParallel} runs the same suite with several.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSqlDifferential {
    private static final String TENANT = "tenant-a";

    private BufferAllocator allocator;
    private SqlQueryService service;
    private DuckDbOracle oracle;
    private Path directory;
    private QueryWorkerPool workers;

    /** Threads per query the suite runs with. */
    int threads() {
        return 1;
    }

    @BeforeAll
    void setUp() throws Exception {
        TelemetryGenerator generator = new TelemetryGenerator(7, 240, 6000, 300);
        allocator = new RootAllocator();
        InMemoryTableSource source = new InMemoryTableSource(4000, 1024)
                .addAll(TENANT, generator)
                .addAll("tenant-b", new TelemetryGenerator(8, 20, 100, 10));
        workers = QueryWorkerPool.create(threads());
        service = SqlTesting.service(source, allocator, new ExecutorConfig(1000, workers), SqlConfig.DEFAULT);
        directory = Files.createTempDirectory("strata-differential");
        oracle = new DuckDbOracle(directory, generator.samples(), generator.series(), generator.logs(), generator.spans());
    }

    @AfterAll
    void tearDown() throws Exception {
        oracle.close();
        workers.close();
        allocator.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> queriesAgreeWithDuckDb() throws IOException {
        return DifferentialCases.load().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<List<Object>> expected = oracle.rows(c.duckSql());
            List<List<Object>> actual = strata(c.sql());
            assertThat(allocator.getAllocatedMemory()).as("bytes left allocated after %s", c.name()).isZero();
            String difference = ResultComparison.difference(expected, actual, c.isOrdered());
            assertThat(difference).as("%s\n%s", c.name(), c.sql()).isNull();
        }));
    }

    @Test
    void suiteIsLargeEnough() throws IOException {
        assertThat(DifferentialCases.load()).hasSizeGreaterThanOrEqualTo(150);
    }

    private List<List<Object>> strata(String sql) {
        try (QueryResult result = service.execute(TENANT, sql, QueryLimits.DEFAULT)) {
            return ResultComparison.normalizedRows(result);
        }
    }
}
