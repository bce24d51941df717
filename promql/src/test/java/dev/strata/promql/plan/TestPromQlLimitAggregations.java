package dev.strata.promql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * {@code limitk} and {@code limit_ratio} (experimental in Prometheus 3, so the upstream corpus
 * tests them only next to native histograms, which the conformance run skips): the float-only
 * script {@code promqltest/limit_floats.test} must pass completely.
 */
final class TestPromQlLimitAggregations {
    @Test
    void everyEvalOfTheFloatLimitScriptPasses() throws URISyntaxException {
        Path script = Path.of(TestPromQlLimitAggregations.class.getResource("/promqltest/limit_floats.test").toURI());
        try (RootAllocator allocator = new RootAllocator()) {
            PromQlTestScript.Counts counts = new PromQlTestScript(allocator).run(script);
            assertThat(counts.failures()).isEmpty();
            assertThat(counts.skipped()).isZero();
            assertThat(counts.passed()).isEqualTo(counts.evals()).isEqualTo(25);
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }
}
