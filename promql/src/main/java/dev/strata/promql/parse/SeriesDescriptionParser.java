package dev.strata.promql.parse;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.literal.LiteralSyntaxException;
import dev.strata.promql.literal.PromDurations;
import dev.strata.promql.literal.PromNumbers;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.MatchOp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the series lines of Prometheus test scripts ({@code promqltest}): a label set followed by
 * space-separated items {@code v}, {@code _}, {@code stale}, {@code vxN} (N+1 copies),
 * {@code a+bxN} / {@code a-bxN} (N+1 values from a in steps of b) and {@code _xN} (N omitted).
 * Durations count as seconds ({@code -30s-1mx2}). Native histogram values ({@code {{...}}}) are
 * not supported; the {@code @st} start-timestamp suffix of a series name is the runner's to strip.
 */
public final class SeriesDescriptionParser {
    private static final String NUMBER =
            "(?:(?i:inf|nan)|(?:[0-9]+(?:ms|[smhdwy]))+|[0-9]+(?:\\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\\.[0-9]+(?:[eE][+-]?[0-9]+)?)";
    private static final Pattern DURATION = Pattern.compile("(?:[0-9]+(?:ms|[smhdwy]))+");
    private static final Pattern ITEM = Pattern.compile("^(?:(?<stale>stale)|(?<start>[+-]?" + NUMBER + "))"
            + "(?:(?<sign>[+-])(?<step>" + NUMBER + "))?(?:x(?<times>[0-9]+))?$");
    private static final Pattern OMITTED = Pattern.compile("^_(?:x(?<times>[0-9]+))?$");

    private final PromQlParser selectorParser;

    public SeriesDescriptionParser(PromQlParser selectorParser) {
        this.selectorParser = requireNonNull(selectorParser, "selectorParser is null");
    }

    public SeriesDescription parse(String line) {
        String text = line.strip();
        int split = labelsEnd(text);
        Labels labels = labels(text.substring(0, split));
        List<SeriesDescription.Value> values = new ArrayList<>();
        String rest = text.substring(split).strip();
        if (!rest.isEmpty()) {
            for (String item : rest.split("[ \t]+")) {
                addItem(values, item);
            }
        }
        return new SeriesDescription(labels, values);
    }

    private static int labelsEnd(String text) {
        int brace = text.indexOf('{');
        int space = firstSpace(text);
        if (brace < 0 || (space >= 0 && space < brace)) {
            return space < 0 ? text.length() : space;
        }
        char quote = 0;
        for (int i = brace + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == '\\' && quote != '`') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '}') {
                return i + 1;
            }
        }
        throw error("unclosed label set in series description: " + text);
    }

    private static int firstSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == ' ' || text.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    private Labels labels(String text) {
        Labels.Builder builder = Labels.builder();
        for (LabelMatcher matcher : selectorParser.parseMetricSelector(text)) {
            if (matcher.op() != MatchOp.EQUAL) {
                throw error("series labels take only \"=\": " + text);
            }
            builder.add(matcher.name(), matcher.value());
        }
        return builder.build();
    }

    private static void addItem(List<SeriesDescription.Value> values, String item) {
        Matcher omitted = OMITTED.matcher(item);
        if (omitted.matches()) {
            int times = omitted.group("times") == null ? 1 : Integer.parseInt(omitted.group("times"));
            for (int i = 0; i < times; i++) {
                values.add(SeriesDescription.Value.OMITTED);
            }
            return;
        }
        Matcher m = ITEM.matcher(item);
        if (!m.matches()) {
            throw error("unexpected series value " + item + ", expected number or \"stale\"" + (item.startsWith("{{") ? " (native histograms are not supported)" : ""));
        }
        if (m.group("stale") != null) {
            if (m.group("step") != null || m.group("times") != null) {
                throw error("stale cannot repeat: " + item);
            }
            values.add(SeriesDescription.Value.stale());
            return;
        }
        double value = number(m.group("start"));
        if (m.group("times") == null) {
            if (m.group("step") != null) {
                throw error("an increment needs a repetition count: " + item);
            }
            values.add(SeriesDescription.Value.of(value));
            return;
        }
        double step = m.group("step") == null ? 0 : number(m.group("step"));
        if ("-".equals(m.group("sign"))) {
            step = -step;
        }
        int times = Integer.parseInt(m.group("times"));
        // N repetitions give N+1 values: the first one is the start value
        for (int i = 0; i <= times; i++) {
            values.add(SeriesDescription.Value.of(value));
            value += step;
        }
    }

    private static double number(String text) {
        boolean negative = text.startsWith("-");
        String digits = text.startsWith("-") || text.startsWith("+") ? text.substring(1) : text;
        try {
            // a duration counts as its number of seconds, as in Prometheus
            double value = DURATION.matcher(digits).matches() ? PromDurations.parseMillis(digits) / 1000.0 : PromNumbers.parse(digits);
            return negative ? -value : value;
        } catch (LiteralSyntaxException e) {
            throw error(e.getMessage());
        }
    }

    private static StrataException error(String message) {
        return new StrataException(PromQlErrorCode.PROMQL_SYNTAX, message);
    }
}
