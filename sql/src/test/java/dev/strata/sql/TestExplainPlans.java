package dev.strata.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.strata.engine.testing.InMemoryTableSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Pins the EXPLAIN text of the queries in {@code src/test/resources/plans/*.txt}. Each file is a
 * {@code -- sql: <query>} line followed by the expected plan. On a mismatch the actual file is
 * written under {@code target/golden-actual/plans/}; {@code -Dgolden.update=true} rewrites the
 * sources instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TestExplainPlans {
    private static final Path SOURCES = Path.of("src/test/resources/plans");
    private static final Path ACTUAL = Path.of("target/golden-actual/plans");

    private BufferAllocator allocator;
    private SqlQueryService service;

    @BeforeAll
    void setUp() {
        allocator = new RootAllocator();
        service = SqlTesting.service(new InMemoryTableSource(100, 100), allocator);
    }

    @AfterAll
    void tearDown() {
        allocator.close();
    }

    @TestFactory
    Stream<DynamicTest> plansMatchGoldenFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SOURCES)) {
            files = listing.filter(path -> path.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private void check(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String header = text.lines().findFirst().orElseThrow();
        assertThat(header).startsWith("-- sql: ");
        String sql = header.substring("-- sql: ".length());
        String expected = text.substring(header.length()).strip();
        String actual = service.explain("tenant", sql);
        if (actual.equals(expected)) {
            return;
        }
        String updated = header + "\n" + actual + "\n";
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, updated, StandardCharsets.UTF_8);
            return;
        }
        Path actualFile = ACTUAL.resolve(file.getFileName());
        Files.createDirectories(ACTUAL);
        Files.writeString(actualFile, updated, StandardCharsets.UTF_8);
        fail("plan of %s changed (actual written to %s; rerun with -Dgolden.update=true to accept)%nexpected:%n%s%nactual:%n%s",
                file.getFileName(), actualFile, expected, actual);
    }
}
