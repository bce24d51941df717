package dev.strata.tests.promql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One query of the compliance tester's expanded list ({@code expanded-queries.jsonl}: id, query,
 * should_fail, skip_comparison) with the section of {@code promql-test-queries.yml} it comes from.
 */
record ComplianceQuery(int id, String query, boolean shouldFail, boolean skipComparison, String category) {
    /**
     * The top-level comment sections of promql-test-queries.yml as ranges of expanded ids (the
     * first id of each section; the list file is pinned, see the README next to it).
     */
    private static final int[] SECTION_START = {1, 10, 27, 28, 116, 221, 224, 227, 287, 538};
    private static final String[] SECTION = {
        "scalar literals", "vector selectors", "staleness", "aggregation operators", "binary operators",
        "NaN/Inf", "unary expressions", "binops with non-const scalars", "functions", "subqueries"};

    ComplianceQuery {
        requireNonNull(query, "query is null");
        requireNonNull(category, "category is null");
    }

    static List<ComplianceQuery> read(Path jsonl) {
        ObjectMapper json = new ObjectMapper();
        List<ComplianceQuery> queries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonl)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                int id = node.get("id").asInt();
                queries.add(new ComplianceQuery(id, node.get("query").asText(), node.path("should_fail").asBoolean(),
                        node.path("skip_comparison").asBoolean(), categoryOf(id)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }

    static List<String> categories() {
        return List.of(SECTION);
    }

    private static String categoryOf(int id) {
        for (int i = SECTION_START.length - 1; i >= 0; i--) {
            if (id >= SECTION_START[i]) {
                return SECTION[i];
            }
        }
        throw new IllegalArgumentException("query id " + id);
    }
}
