package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.literal.LiteralSyntaxException;
import dev.strata.promql.literal.PromDurations;
import dev.strata.promql.literal.PromNumbers;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.parse.SeriesDescription;
import dev.strata.promql.parse.SeriesDescriptionParser;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Runs one of Prometheus's promqltest scripts (format described in
 * {@code shared/conformance/promqltest/README.md}) against {@link PromQlEngine} over an
 * {@link InMemoryTableSource}, and counts evals passed, failed and skipped (a selector matches a
 * native histogram series, the expected output holds a histogram, or experimental syntax other than
 * {@code limitk}/{@code limit_ratio}). Instant evals are also re-run as range queries
 * around their time, as upstream does (not yet upstream's {@code @}-shifted re-runs).
 */
final class PromQlTestScript {
    private static final Pattern EVAL_INSTANT = Pattern.compile("^eval(?:_(fail|warn|ordered|info))?\\s+instant\\s+at\\s+(\\S+)\\s+(.+)$");
    private static final Pattern EVAL_RANGE = Pattern.compile("^eval(?:_(fail|warn|info))?\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)$");
    private static final Pattern RANGE_VECTOR = Pattern.compile("^range vector from (\\S+) to (\\S+) step (\\S+)$");
    private static final Pattern LIMIT_AGGREGATION = Pattern.compile("\\blimit(?:k|_ratio)\\b");
    private static final String TENANT = "test";
    private static final double EPSILON = 1e-6;

    private final PromQlParser parser = new PromQlParser(ParserOptions.ALL_FEATURES);
    private final PromQlParser strictParser = new PromQlParser(ParserOptions.DEFAULT);
    private final SeriesDescriptionParser seriesParser = new SeriesDescriptionParser(parser);
    private final BufferAllocator allocator;
    private final QueryWorkerPool workers;
    private final int splitRows;

    /** Outcome counts of one script; {@code failures} holds the first few failure descriptions. */
    record Counts(int evals, int skipped, int passed, List<String> failures) {
        int runnable() {
            return evals - skipped;
        }
    }

    PromQlTestScript(BufferAllocator allocator) {
        this(allocator, QueryWorkerPool.SEQUENTIAL, 100_000);
    }

    /** @param splitRows rows per split of the in-memory store: small ones spread a series over several splits */
    PromQlTestScript(BufferAllocator allocator, QueryWorkerPool workers, int splitRows) {
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.workers = requireNonNull(workers, "workers is null");
        this.splitRows = splitRows;
    }

    Counts run(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Labels, TreeMap<Long, Double>> store = new HashMap<>();
        List<Labels> nativeHistograms = new ArrayList<>();
        int evals = 0;
        int skipped = 0;
        int passed = 0;
        List<String> failures = new ArrayList<>();
        InMemoryTableSource source = null;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                i++;
                continue;
            }
            List<String> block = new ArrayList<>();
            int j = i + 1;
            // clear takes no data lines: the next line is the next command
            while (!line.equals("clear") && j < lines.size() && !lines.get(j).strip().isEmpty() && !lines.get(j).strip().startsWith("#")) {
                block.add(lines.get(j).strip());
                j++;
            }
            if (line.equals("clear")) {
                store.clear();
                nativeHistograms.clear();
                source = null;
            } else if (line.startsWith("load")) {
                load(line, block, store, nativeHistograms);
                source = null;
            } else if (line.startsWith("eval")) {
                evals++;
                if (source == null) {
                    source = toSource(store);
                }
                String outcome = eval(line, block, source, nativeHistograms);
                if (outcome == null) {
                    passed++;
                } else if (outcome.equals("skip")) {
                    skipped++;
                } else if (failures.size() < 400) {
                    failures.add(file.getFileName() + ":" + (i + 1) + ": " + line + " -> " + outcome);
                }
            }
            i = j;
        }
        return new Counts(evals, skipped, passed, failures);
    }

    /** Loads the float series; records the label sets of native histogram series in {@code nativeHistograms}. */
    private void load(String header, List<String> block, Map<Labels, TreeMap<Long, Double>> store, List<Labels> nativeHistograms) {
        boolean nhcb = header.startsWith("load_with_nhcb");
        long step = millis(header.substring(header.indexOf(' ') + 1).strip());
        for (String line : block) {
            if (line.contains("{{")) {
                nativeHistograms.add(seriesParser.parse(selectorPart(line) + " 0").labels());
                continue;
            }
            if (line.matches("^\\S*\\}?@st\\s.*") || line.contains("}@st ")) {
                continue;
            }
            SeriesDescription series = seriesParser.parse(line);
            String name = series.labels().metricName();
            if (nhcb && name != null && name.endsWith("_bucket") && series.labels().get("le") != null) {
                nativeHistograms.add(Labels.builder().addAll(series.labels()).remove("le")
                        .remove(Labels.METRIC_NAME).add(Labels.METRIC_NAME, name.substring(0, name.length() - 7)).build());
            }
            TreeMap<Long, Double> samples = store.computeIfAbsent(series.labels(), l -> new TreeMap<>());
            for (int k = 0; k < series.values().size(); k++) {
                SeriesDescription.Value v = series.values().get(k);
                if (!v.omitted()) {
                    samples.put(k * step, v.value());
                }
            }
        }
    }

    /** The series selector at the start of a load line (up to the first blank outside braces and quotes). */
    private static String selectorPart(String line) {
        int depth = 0;
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '\\') {
                    k++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (Character.isWhitespace(c) && depth == 0) {
                return line.substring(0, k);
            }
        }
        return line;
    }

    /** True when a selector of {@code expr} matches one of {@code series}. */
    private static boolean touches(Expr expr, List<Labels> series) {
        if (series.isEmpty()) {
            return false;
        }
        List<VectorSelector> selectors = new ArrayList<>();
        collectSelectors(expr, selectors);
        for (VectorSelector selector : selectors) {
            for (Labels labels : series) {
                boolean all = true;
                for (LabelMatcher m : selector.matchers()) {
                    if (!m.matches(labels)) {
                        all = false;
                        break;
                    }
                }
                if (all) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectSelectors(Expr expr, List<VectorSelector> out) {
        if (expr instanceof VectorSelector v) {
            out.add(v);
        } else if (expr instanceof MatrixSelector m) {
            out.add(m.selector());
        } else if (expr instanceof ParenExpr p) {
            collectSelectors(p.expr(), out);
        } else if (expr instanceof UnaryExpr u) {
            collectSelectors(u.expr(), out);
        } else if (expr instanceof SubqueryExpr sq) {
            collectSelectors(sq.expr(), out);
        } else if (expr instanceof BinaryExpr b) {
            collectSelectors(b.lhs(), out);
            collectSelectors(b.rhs(), out);
        } else if (expr instanceof AggregateExpr a) {
            collectSelectors(a.expr(), out);
            a.param().ifPresent(p -> collectSelectors(p, out));
        } else if (expr instanceof Call c) {
            for (Expr arg : c.args()) {
                collectSelectors(arg, out);
            }
        }
    }

    private InMemoryTableSource toSource(Map<Labels, TreeMap<Long, Double>> store) {
        List<TelemetryRows.Sample> rows = new ArrayList<>();
        List<TelemetryRows.Series> seriesRows = new ArrayList<>();
        for (Map.Entry<Labels, TreeMap<Long, Double>> series : store.entrySet()) {
            Labels labels = series.getKey();
            TreeMap<String, String> others = new TreeMap<>(labels.withoutMetricName().toMap());
            String metric = labels.metricName() == null ? "" : labels.metricName();
            // the series table as a store keeps it: the engine reads label sets from there
            seriesRows.add(new TelemetryRows.Series(labels.stableHash(), metric, others, "", "", ""));
            for (Map.Entry<Long, Double> s : series.getValue().entrySet()) {
                rows.add(new TelemetryRows.Sample(labels.stableHash(), metric, others, s.getKey(), s.getValue()));
            }
        }
        return new InMemoryTableSource(splitRows, 4096).addSamples(TENANT, rows).addSeries(TENANT, seriesRows);
    }

    /** Null when the eval passed, "skip" when skipped, else why it failed. */
    private String eval(String header, List<String> block, InMemoryTableSource source, List<Labels> nativeHistograms) {
        Matcher instant = EVAL_INSTANT.matcher(header);
        Matcher range = EVAL_RANGE.matcher(header);
        String legacy;
        String query;
        EvalGrid grid;
        if (instant.matches()) {
            legacy = instant.group(1);
            query = instant.group(3);
            grid = EvalGrid.instant(millis(instant.group(2)));
        } else if (range.matches()) {
            legacy = range.group(1);
            query = range.group(5);
            grid = new EvalGrid(millis(range.group(2)), millis(range.group(3)), millis(range.group(4)));
        } else {
            return "unrecognised eval";
        }
        boolean expectFail = "fail".equals(legacy);
        boolean ordered = "ordered".equals(legacy);
        // per kind (warn, info): null = unchecked, else the expected lines ("" = any such annotation)
        Map<String, List<String>> annotationRules = new HashMap<>();
        Map<String, Boolean> annotationNone = new HashMap<>();
        if (legacy != null && (legacy.equals("warn") || legacy.equals("info"))) {
            annotationRules.computeIfAbsent(legacy, k -> new ArrayList<>()).add("");
        }
        String failMessage = null;
        String failRegex = null;
        String expectString = null;
        EvalGrid rangeVector = null;
        List<String> expected = new ArrayList<>();
        for (String line : block) {
            if (line.startsWith("expect ")) {
                String rest = line.substring(7).strip();
                if (rest.startsWith("fail")) {
                    expectFail = true;
                    String detail = rest.substring(4).strip();
                    if (detail.startsWith("msg:")) {
                        failMessage = detail.substring(4).strip();
                    } else if (detail.startsWith("regex:")) {
                        failRegex = detail.substring(6).strip();
                    }
                } else if (rest.equals("ordered")) {
                    ordered = true;
                } else if (rest.startsWith("warn") || rest.startsWith("info")) {
                    annotationRules.computeIfAbsent(rest.substring(0, 4), k -> new ArrayList<>()).add(rest.substring(4).strip());
                } else if (rest.equals("no_warn") || rest.equals("no_info")) {
                    annotationNone.put(rest.substring(3), true);
                } else if (rest.startsWith("string")) {
                    expectString = unquote(rest.substring(6).strip());
                } else if (rest.startsWith("range vector")) {
                    Matcher m = RANGE_VECTOR.matcher(rest);
                    if (!m.matches()) {
                        return "bad range vector expectation";
                    }
                    rangeVector = new EvalGrid(millis(m.group(1)), millis(m.group(2)), millis(m.group(3)));
                }
            } else if (line.startsWith("expected_fail_message")) {
                failMessage = line.substring("expected_fail_message".length()).strip();
            } else if (line.startsWith("expected_fail_regexp")) {
                failRegex = line.substring("expected_fail_regexp".length()).strip();
            } else {
                expected.add(line);
            }
        }
        if (String.join(" ", expected).contains("{{")) {
            return "skip";
        }
        Expr expr;
        try {
            // limitk and limit_ratio are experimental in Prometheus but implemented here: run
            // queries whose only experimental syntax they are
            strictParser.parse(LIMIT_AGGREGATION.matcher(query).replaceAll("topk"));
            expr = parser.parse(query);
        } catch (StrataException e) {
            return "skip";
        }
        if (touches(expr, nativeHistograms)) {
            return "skip";
        }
        if (expectString != null) {
            // the only string-valued PromQL expressions are (parenthesised) string literals
            return PromQlPlanner.unwrap(expr) instanceof StringLiteral literal && literal.value().equals(expectString)
                    ? null : "string result expected";
        }
        PromQlEngine engine = new PromQlEngine(source, allocator, PromQlEngine.Settings.DEFAULT, workers);
        if (rangeVector != null) {
            try {
                return compareMatrix(engine.evaluateMatrix(TENANT, expr, grid.startMs()), expected, rangeVector);
            } catch (StrataException e) {
                return "error: " + e.getMessage();
            }
        }
        StepVector result;
        PromQlEngine.Evaluation evaluation;
        try {
            evaluation = engine.evaluateAnnotated(TENANT, expr, grid);
            result = evaluation.value();
        } catch (StrataException e) {
            if (e.errorCode().equals(PromQlErrorCode.PROMQL_UNSUPPORTED.toErrorCode())
                    || e.errorCode().equals(EngineErrorCode.UNSUPPORTED_PLAN.toErrorCode())) {
                return "unsupported: " + e.getMessage();
            }
            if (!expectFail) {
                return "error: " + e.getMessage();
            }
            if (failMessage != null && !e.rawMessage().equals(failMessage)) {
                return "wrong error message: " + e.rawMessage();
            }
            if (failRegex != null && !com.google.re2j.Pattern.compile(failRegex).matcher(e.rawMessage()).find()) {
                return "wrong error message: " + e.rawMessage();
            }
            return null;
        } catch (RuntimeException e) {
            return "crash: " + e;
        }
        if (expectFail) {
            return "expected a failure";
        }
        String annotationProblem = checkAnnotations("warn", evaluation.warnings(), annotationRules.get("warn"), annotationNone.containsKey("warn"));
        if (annotationProblem == null) {
            annotationProblem = checkAnnotations("info", evaluation.infos(), annotationRules.get("info"), annotationNone.containsKey("info"));
        }
        if (annotationProblem != null) {
            return annotationProblem;
        }
        boolean scalar = expr.type() == ValueType.SCALAR;
        if (!instant.matches()) {
            return compareRange(result, expected);
        }
        String problem = compareInstant(result, expected, scalar, ordered);
        if (problem != null || ordered || query.matches(".*\\b(start|end|range|step)\\(\\).*")) {
            return problem;
        }
        return sameAsRangeQuery(engine, expr, grid.startMs(), result);
    }

    /**
     * Upstream's second check of an instant eval: run as a range query from t-1m to t+1m step 1m,
     * the point at t must equal the instant result (catches step-dependent evaluation).
     */
    private static String sameAsRangeQuery(PromQlEngine engine, Expr expr, long t, StepVector instant) {
        StepVector range;
        try {
            range = engine.evaluate(TENANT, expr, new EvalGrid(t - 60_000, t + 60_000, 60_000));
        } catch (StrataException e) {
            return "range re-run failed: " + e.getMessage();
        }
        Map<Labels, Double> want = new HashMap<>();
        for (StepSeries s : instant.series()) {
            if (s.present()[0]) {
                want.put(s.labels(), s.values()[0]);
            }
        }
        Map<Labels, Double> got = new HashMap<>();
        for (StepSeries s : range.series()) {
            if (s.present()[1]) {
                got.put(s.labels(), s.values()[1]);
            }
        }
        if (!want.keySet().equals(got.keySet())) {
            return "range re-run: series differ: " + got.keySet() + " vs " + want.keySet();
        }
        for (Map.Entry<Labels, Double> e : want.entrySet()) {
            if (!equal(e.getValue(), got.get(e.getKey()))) {
                return "range re-run: " + e.getKey() + " got " + got.get(e.getKey()) + ", want " + e.getValue();
            }
        }
        return null;
    }

    private String compareInstant(StepVector result, List<String> expected, boolean scalar, boolean ordered) {
        if (scalar) {
            if (expected.size() != 1) {
                return "scalar result, expected " + expected;
            }
            double want = number(expected.get(0));
            double got = result.series().get(0).values()[0];
            return equal(want, got) ? null : "got " + got + ", want " + want;
        }
        List<Labels> gotLabels = new ArrayList<>();
        List<Double> gotValues = new ArrayList<>();
        for (StepSeries s : result.series()) {
            if (s.present()[0]) {
                gotLabels.add(s.labels());
                gotValues.add(s.values()[0]);
            }
        }
        if (gotLabels.size() != expected.size()) {
            return "got " + gotLabels.size() + " series " + describe(gotLabels, gotValues) + ", want " + expected.size() + " " + expected;
        }
        for (int k = 0; k < expected.size(); k++) {
            SeriesDescription want = seriesParser.parse(expected.get(k));
            int index = gotLabels.indexOf(want.labels());
            if (index < 0) {
                return "missing " + want.labels() + " in " + describe(gotLabels, gotValues);
            }
            if (ordered && index != k) {
                return "wrong order: " + describe(gotLabels, gotValues);
            }
            if (want.values().size() != 1 || !equal(want.values().get(0).value(), gotValues.get(index))) {
                return "value of " + want.labels() + ": got " + gotValues.get(index) + ", want " + want.values();
            }
        }
        return null;
    }

    private String compareMatrix(List<RawSeries> result, List<String> expected, EvalGrid points) {
        if (result.size() != expected.size()) {
            return "got " + result.size() + " series, want " + expected.size();
        }
        for (String line : expected) {
            SeriesDescription want = seriesParser.parse(line);
            RawSeries got = null;
            for (RawSeries s : result) {
                if (s.labels().equals(want.labels())) {
                    got = s;
                }
            }
            if (got == null) {
                return "missing " + want.labels();
            }
            int n = 0;
            for (int k = 0; k < want.values().size(); k++) {
                SeriesDescription.Value v = want.values().get(k);
                if (v.omitted()) {
                    continue;
                }
                if (n >= got.size() || got.ts()[n] != points.at(k) || !equal(v.value(), got.values()[n])) {
                    return want.labels() + ": point " + k + " differs";
                }
                n++;
            }
            if (n != got.size()) {
                return want.labels() + ": got " + got.size() + " points, want " + n;
            }
        }
        return null;
    }

    /**
     * promqltest's rules: {@code no_x} forbids any; each {@code x} line must match some annotation
     * ({@code msg:} exactly, {@code regex:} RE2), and then every annotation must match one line.
     */
    private static String checkAnnotations(String kind, List<String> produced, List<String> rules, boolean none) {
        if (none && !produced.isEmpty()) {
            return "unexpected " + kind + ": " + produced;
        }
        if (rules == null) {
            return null;
        }
        if (produced.isEmpty()) {
            return "expected a " + kind + " annotation";
        }
        for (String rule : rules) {
            boolean any = false;
            for (String annotation : produced) {
                any |= matchesRule(rule, annotation);
            }
            if (!any) {
                return "no " + kind + " matches '" + rule + "' in " + produced;
            }
        }
        for (String annotation : produced) {
            boolean any = false;
            for (String rule : rules) {
                any |= matchesRule(rule, annotation);
            }
            if (!any) {
                return "unexpected " + kind + ": " + annotation;
            }
        }
        return null;
    }

    private static boolean matchesRule(String rule, String annotation) {
        if (rule.isEmpty()) {
            return true;
        }
        if (rule.startsWith("msg:")) {
            return annotation.equals(rule.substring(4).strip());
        }
        if (rule.startsWith("regex:")) {
            return com.google.re2j.Pattern.compile(rule.substring(6).strip()).matcher(annotation).find();
        }
        return false;
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && (text.startsWith("\"") || text.startsWith("`"))) {
            return text.substring(1, text.length() - 1);
        }
        return text;
    }

    private static String describe(List<Labels> labels, List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < labels.size() && k < 6; k++) {
            b.append(labels.get(k)).append('=').append(values.get(k)).append(' ');
        }
        return b.append(']').toString();
    }

    private String compareRange(StepVector result, List<String> expected) {
        int steps = result.grid().steps();
        Map<Labels, StepSeries> got = new HashMap<>();
        for (StepSeries s : result.series()) {
            if (!s.isEmpty()) {
                got.put(s.labels(), s);
            }
        }
        if (got.size() != expected.size()) {
            return "got " + got.size() + " series " + new TreeSet<>(got.keySet()) + ", want " + expected.size();
        }
        for (String line : expected) {
            SeriesDescription want = seriesParser.parse(line);
            StepSeries s = got.get(want.labels());
            if (s == null) {
                return "missing " + want.labels() + " in " + new TreeSet<>(got.keySet());
            }
            if (want.values().size() > steps) {
                return "more expected values than steps";
            }
            for (int k = 0; k < steps; k++) {
                boolean wantPresent = k < want.values().size() && !want.values().get(k).omitted();
                if (wantPresent != s.present()[k]) {
                    return want.labels() + " step " + k + ": presence got " + s.present()[k] + ", want " + wantPresent;
                }
                if (wantPresent && !equal(want.values().get(k).value(), s.values()[k])) {
                    return want.labels() + " step " + k + ": got " + s.values()[k] + ", want " + want.values().get(k).value();
                }
            }
        }
        return null;
    }

    /** Prometheus's {@code almost.Equal} with epsilon 1e-6; a staleness marker only equals itself. */
    static boolean equal(double want, double got) {
        boolean wantStale = Double.doubleToRawLongBits(want) == SeriesDescription.STALE_NAN_BITS;
        boolean gotStale = Double.doubleToRawLongBits(got) == SeriesDescription.STALE_NAN_BITS;
        if (wantStale || gotStale) {
            return wantStale && gotStale;
        }
        if (Double.isNaN(want) && Double.isNaN(got)) {
            return true;
        }
        if (want == got) {
            return true;
        }
        double absSum = Math.abs(want) + Math.abs(got);
        double diff = Math.abs(want - got);
        if (want == 0 || got == 0 || absSum < Double.MIN_NORMAL) {
            return diff < EPSILON * Double.MIN_NORMAL;
        }
        return diff / Math.min(absSum, Double.MAX_VALUE) < EPSILON;
    }

    private static double number(String text) {
        try {
            return PromNumbers.parse(text.strip());
        } catch (LiteralSyntaxException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static long millis(String text) {
        try {
            return PromDurations.parseMillis(text);
        } catch (LiteralSyntaxException e) {
            try {
                return (long) (PromNumbers.parse(text) * 1000);
            } catch (LiteralSyntaxException e2) {
                throw new IllegalArgumentException(text, e2);
            }
        }
    }
}
