package dev.strata.promql.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.promql.ast.Expr;
import dev.strata.promql.print.PromQlPrinter;
import dev.strata.spi.error.StrataException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every query of Prometheus's own test scripts and of the promql-compliance list parses, and printing
 * it gives text that parses back to the same tree.
 */
final class TestConformanceQueries {
    private final PromQlParser testScriptParser = new PromQlParser(ParserOptions.ALL_FEATURES, dev.strata.promql.analyze.FunctionRegistry.standard(), 0);
    private final PromQlParser defaultParser = new PromQlParser(ParserOptions.DEFAULT, dev.strata.promql.analyze.FunctionRegistry.standard(), 0);

    @Test
    void everyPromqlTestEvalParsesAndRoundTrips() {
        List<Path> files = ConformanceFiles.promqlTestFiles();
        assumeTrue(!files.isEmpty(), "shared conformance files not present");
        List<String> failures = new ArrayList<>();
        int total = 0;
        StringBuilder counts = new StringBuilder();
        for (Path file : files) {
            List<ConformanceFiles.EvalQuery> queries = ConformanceFiles.evalQueries(file);
            int parsed = 0;
            int nativeHistograms = 0;
            int experimental = 0;
            for (ConformanceFiles.EvalQuery query : queries) {
                String failure = check(testScriptParser, query.query());
                if (failure == null) {
                    parsed++;
                } else {
                    failures.add(file.getFileName() + ":" + query.line() + " " + query.query() + " -> " + failure);
                }
                if (query.nativeHistograms()) {
                    nativeHistograms++;
                }
                if (failure == null && !parses(defaultParser, query.query())) {
                    experimental++;
                }
            }
            total += queries.size();
            counts.append(String.format("| %s | %d | %d | %d | %d |%n", file.getFileName(), queries.size(), parsed, nativeHistograms, experimental));
        }
        System.out.println("| file | evals | parsed and round-tripped | need native histograms | need experimental syntax |\n" + counts
                + "total " + (total - failures.size()) + " / " + total);
        assertThat(total).isGreaterThan(2000);
        assertThat(failures).isEmpty();
    }

    @Test
    void everyComplianceQueryParsesWithDefaultOptionsAndRoundTrips() {
        List<ConformanceFiles.ComplianceQuery> queries = ConformanceFiles.complianceQueries();
        assumeTrue(!queries.isEmpty(), "shared conformance files not present");
        List<String> failures = new ArrayList<>();
        List<String> rejectedAtParse = new ArrayList<>();
        int shouldFail = 0;
        for (ConformanceFiles.ComplianceQuery query : queries) {
            String failure = check(defaultParser, query.query());
            if (query.shouldFail()) {
                shouldFail++;
                if (failure != null) {
                    rejectedAtParse.add(query.query());
                }
            } else if (failure != null) {
                failures.add(query.query() + " -> " + failure);
            }
        }
        System.out.println("promql-compliance queries parsed and round-tripped: " + (queries.size() - shouldFail - failures.size()) + " / "
                + (queries.size() - shouldFail) + "; should_fail queries rejected at parse time: " + rejectedAtParse);
        assertThat(queries).hasSize(539);
        assertThat(failures).isEmpty();
        // the only should_fail query Prometheus rejects while parsing; the others fail during evaluation
        assertThat(rejectedAtParse).containsExactly("{__name__=~\".*\"}");
    }

    private static boolean parses(PromQlParser parser, String query) {
        try {
            parser.parse(query);
            return true;
        } catch (StrataException e) {
            return false;
        }
    }

    /** Null when the query parses and round-trips, else what went wrong. */
    private static String check(PromQlParser parser, String query) {
        Expr expr;
        try {
            expr = parser.parse(query);
        } catch (StrataException e) {
            return PromQlParser.prometheusMessage(e);
        }
        String printed = PromQlPrinter.print(expr);
        Expr reparsed;
        try {
            reparsed = parser.parse(printed);
        } catch (StrataException e) {
            return "printed form '" + printed + "' does not parse: " + PromQlParser.prometheusMessage(e);
        }
        if (!AstShape.of(reparsed).equals(AstShape.of(expr))) {
            return "round trip changed the tree: '" + printed + "'\n  " + AstShape.of(expr) + "\n  " + AstShape.of(reparsed);
        }
        if (!PromQlPrinter.print(reparsed).equals(printed)) {
            return "printing is not stable: '" + printed + "' then '" + PromQlPrinter.print(reparsed) + "'";
        }
        return null;
    }
}
