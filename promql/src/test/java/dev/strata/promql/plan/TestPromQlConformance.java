package dev.strata.promql.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.exec.QueryWorkerPool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * Runs every script of Prometheus's promqltest corpus (read in place from
 * {@code ../shared/conformance/promqltest/main}, Apache-2.0) and checks each file's pass count
 * against the ratchet {@code promql-conformance-baseline.txt}: a file may pass more evals than its
 * baseline, never fewer. Prints the per-file table of {@code docs/conformance.md}.
 */
final class TestPromQlConformance {
    @Test
    void passesAtLeastTheBaseline() throws IOException {
        Path dir = sharedDir().resolve("conformance/promqltest/main");
        if (!Files.isDirectory(dir)) {
            return;
        }
        Map<String, Integer> baseline = baseline();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        StringBuilder table = new StringBuilder("| file | evals | skipped (native histograms, experimental) | runnable | passed |\n| --- | ---: | ---: | ---: | ---: |\n");
        List<String> regressions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        int evals = 0;
        int skipped = 0;
        int passed = 0;
        try (RootAllocator allocator = new RootAllocator()) {
            PromQlTestScript script = new PromQlTestScript(allocator);
            for (Path file : files) {
                PromQlTestScript.Counts counts = script.run(file);
                String name = file.getFileName().toString();
                table.append("| ").append(name).append(" | ").append(counts.evals()).append(" | ").append(counts.skipped()).append(" | ")
                        .append(counts.runnable()).append(" | ").append(counts.passed()).append(" |\n");
                evals += counts.evals();
                skipped += counts.skipped();
                passed += counts.passed();
                failures.addAll(counts.failures());
                int minimum = baseline.getOrDefault(name, 0);
                if (counts.passed() < minimum) {
                    regressions.add(name + ": " + counts.passed() + " < baseline " + minimum);
                }
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        table.append("| **total** | **").append(evals).append("** | **").append(skipped).append("** | **").append(evals - skipped)
                .append("** | **").append(passed).append("** |\n");
        System.out.println(table);
        if (Boolean.getBoolean("strata.conformance.failures")) {
            failures.forEach(System.out::println);
        }
        assertThat(regressions).isEmpty();
    }

    /**
     * The whole corpus again with 3 query threads over splits of 7 rows (a series' samples spread
     * over many splits read concurrently): every file passes exactly the evals the single-threaded
     * run passes, with the same failures, and no buffer is left allocated.
     */
    @Test
    void parallelScansPassExactlyWhatOneThreadPasses() throws IOException {
        Path dir = sharedDir().resolve("conformance/promqltest/main");
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
        try (RootAllocator allocator = new RootAllocator(); QueryWorkerPool workers = QueryWorkerPool.create(3)) {
            PromQlTestScript sequential = new PromQlTestScript(allocator, QueryWorkerPool.SEQUENTIAL, 7);
            PromQlTestScript parallel = new PromQlTestScript(allocator, workers, 7);
            for (Path file : files) {
                PromQlTestScript.Counts one = sequential.run(file);
                PromQlTestScript.Counts many = parallel.run(file);
                assertThat(many).as(file.getFileName().toString()).isEqualTo(one);
            }
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
    }

    private static Map<String, Integer> baseline() throws IOException {
        Map<String, Integer> baseline = new LinkedHashMap<>();
        try (var in = TestPromQlConformance.class.getResourceAsStream("/promql-conformance-baseline.txt")) {
            if (in == null) {
                return baseline;
            }
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && !line.startsWith("#")) {
                    baseline.put(parts[0], Integer.parseInt(parts[1]));
                }
            }
        }
        return baseline;
    }

    private static Path sharedDir() {
        String configured = System.getProperty("strata.shared.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        return Paths.get("").toAbsolutePath().getParent().getParent().resolve("shared");
    }
}
