package dev.strata.promql.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shared conformance inputs: Prometheus's promqltest scripts and the promql-compliance query
 * list, read in place from {@code <worktree>/../shared/conformance} (or {@code -Dstrata.shared.dir}).
 */
final class ConformanceFiles {
    // the eval command shapes of Prometheus's promqltest format
    private static final Pattern EVAL_INSTANT = Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+(?:at\\s+(.+?))?\\s+(.+)$");
    private static final Pattern EVAL_RANGE = Pattern.compile("^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(.+)\\s+to\\s+(.+)\\s+step\\s+(.+?)\\s+(.+)$");

    /**
     * @param nativeHistograms true when the series loaded for this eval (since the last {@code clear})
     *     include native histogram samples ({@code {{...}}})
     */
    record EvalQuery(Path file, int line, String command, String query, boolean nativeHistograms) {}

    private ConformanceFiles() {}

    static Path sharedDir() {
        String configured = System.getProperty("strata.shared.dir");
        if (configured != null) {
            return Paths.get(configured);
        }
        // tests run in the module directory: <worktree>/promql
        return Paths.get("").toAbsolutePath().getParent().getParent().resolve("shared");
    }

    static List<Path> promqlTestFiles() {
        Path dir = sharedDir().resolve("conformance/promqltest/main");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<EvalQuery> evalQueries(Path file) {
        List<String> lines = readLines(file);
        List<EvalQuery> queries = new ArrayList<>();
        boolean loadingSeries = false;
        boolean histogramsLoaded = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            String line = raw.strip();
            if (line.equals("clear")) {
                histogramsLoaded = false;
            }
            if (line.startsWith("load")) {
                loadingSeries = true;
                continue;
            }
            if (loadingSeries && !raw.isEmpty() && Character.isWhitespace(raw.charAt(0))) {
                histogramsLoaded |= line.contains("{{");
                continue;
            }
            loadingSeries = false;
            Matcher instant = EVAL_INSTANT.matcher(line);
            if (instant.matches()) {
                queries.add(new EvalQuery(file, i + 1, line.substring(0, line.indexOf(' ')), instant.group(3), histogramsLoaded));
                continue;
            }
            Matcher range = EVAL_RANGE.matcher(line);
            if (range.matches()) {
                queries.add(new EvalQuery(file, i + 1, line.substring(0, line.indexOf(' ')), range.group(5), histogramsLoaded));
            }
        }
        return queries;
    }

    record ComplianceQuery(int id, String query, boolean shouldFail) {}

    private static final Pattern COMPLIANCE_LINE =
            Pattern.compile("\\{\"id\": (\\d+), \"query\": \"((?:[^\"\\\\]|\\\\.)*)\", \"should_fail\": (true|false),.*");

    /** The expanded compliance queries with their {@code should_fail} flag. */
    static List<ComplianceQuery> complianceQueries() {
        Path file = sharedDir().resolve("conformance/promql-compliance/expanded-queries.jsonl");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<ComplianceQuery> queries = new ArrayList<>();
        for (String line : readLines(file)) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = COMPLIANCE_LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalStateException("unexpected compliance line: " + line);
            }
            queries.add(new ComplianceQuery(Integer.parseInt(m.group(1)), jsonUnescape(m.group(2)), Boolean.parseBoolean(m.group(3))));
        }
        return queries;
    }

    private static String jsonUnescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = s.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
