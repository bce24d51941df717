package dev.strata.sql;

import static org.assertj.core.api.Assumptions.assumeThat;

import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryGenerator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Per-query fixed cost, printed for docs/benchmarks.md ("Engine"); asserts nothing about time.
 * Runs only with {@code -Dengine.latency=true}, alone in its JVM so that the first query is cold:
 * {@code mvn -o -pl sql -am test -Dtest=TestSqlLatency -Dsurefire.failIfNoSpecifiedTests=false -Dengine.latency=true}.
 */
final class TestSqlLatency {
    @Test
    void measure() {
        assumeThat(Boolean.getBoolean("engine.latency")).isTrue();
        try (RootAllocator allocator = new RootAllocator()) {
            InMemoryTableSource source = new InMemoryTableSource(4000, 1024).addAll("t", new TelemetryGenerator(3, 40, 200, 20));
            SqlQueryService service = SqlTesting.service(source, allocator);
            long start = System.nanoTime();
            SqlTesting.rows(service, "t", "SELECT metric, count(*) FROM samples WHERE labels['job'] = 'api' GROUP BY metric");
            double cold = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            service.warmUp();
            double warmUp = (System.nanoTime() - start) / 1e6;
            List<Double> newColumnar = new ArrayList<>();
            List<Double> newFallback = new ArrayList<>();
            List<Double> repeated = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                newColumnar.add(time(service, "SELECT labels['instance'], sum(\"value\") FROM samples WHERE metric = 'cpu_usage' AND \"value\" > " + i
                        + " GROUP BY labels['instance']"));
                newFallback.add(time(service, "SELECT name, rank() OVER (PARTITION BY service_name ORDER BY duration_ns) FROM spans WHERE duration_ns > " + i));
            }
            for (int i = 0; i < 50; i++) {
                repeated.add(time(service, "SELECT labels['instance'], sum(\"value\") FROM samples WHERE metric = 'cpu_usage' AND \"value\" > 0 GROUP BY labels['instance']"));
            }
            System.out.printf("engine-latency cold_first_query_ms=%.1f warm_up_ms=%.1f new_text_columnar_median_ms=%.2f "
                            + "new_text_fallback_median_ms=%.2f repeated_text_median_ms=%.3f%n",
                    cold, warmUp, median(newColumnar), median(newFallback), median(repeated));
        }
    }

    private static double time(SqlQueryService service, String sql) {
        long start = System.nanoTime();
        SqlTesting.rows(service, "t", sql);
        return (System.nanoTime() - start) / 1e6;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
