package dev.strata.engine.series.exec;


import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import static java.util.Objects.requireNonNull;

/**
 * {@code label_replace} (regex on a source label, Go {@code $1}/{@code ${name}} expansion) and
 * {@code label_join}; the metric name is kept. Labels are rewritten once per series.
 */
public final class LabelRewrite implements StepNode {
    private final StepNode input;
    private final String destination;
    private final String replacementOrSeparator;
    private final List<String> sources;
    private final Pattern regex;

    private LabelRewrite(StepNode input, String destination, String replacementOrSeparator, List<String> sources, Pattern regex) {
        this.input = requireNonNull(input, "input is null");
        this.destination = requireNonNull(destination, "destination is null");
        this.replacementOrSeparator = requireNonNull(replacementOrSeparator, "replacementOrSeparator is null");
        this.sources = List.copyOf(sources);
        this.regex = regex;
    }

    public static LabelRewrite replace(StepNode input, String destination, String replacement, String source, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile("^(?s:" + regex + ")$");
        } catch (RuntimeException e) {
            throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "invalid regular expression in label_replace(): " + regex);
        }
        checkName(destination, "label_replace");
        return new LabelRewrite(input, destination, replacement, List.of(source), pattern);
    }

    public static LabelRewrite join(StepNode input, String destination, String separator, List<String> sources) {
        checkName(destination, "label_join");
        return new LabelRewrite(input, destination, separator, sources, null);
    }

    /**
     * Prometheus 3 accepts any non-empty UTF-8 label name. A PromQL string can still hold bytes
     * that are not UTF-8 ({@code "\\xff"}); the parser keeps each as a lone surrogate.
     */
    private static void checkName(String name, String function) {
        if (name.isEmpty() || hasLoneSurrogate(name)) {
            throw new StrataException(EngineErrorCode.EVALUATION_ERROR, "invalid destination label name in " + function + "(): " + name);
        }
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public StepVector evaluate(EvalContext context) {
        StepVector in = input.evaluate(context);
        List<StepSeries> out = new ArrayList<>();
        for (StepSeries s : in.series()) {
            StepSeries rewritten = s.withLabels(rewrite(s.labels()));
            // writing __name__ keeps the name a function had marked for dropping
            out.add(destination.equals(Labels.METRIC_NAME) ? rewritten.withDropName(false) : rewritten);
        }
        return new StepVector(in.grid(), Merge.distinct(out, in.grid().steps()));
    }

    private Labels rewrite(Labels labels) {
        String value;
        if (regex != null) {
            String src = labels.get(sources.get(0));
            Matcher m = regex.matcher(src == null ? "" : src);
            if (!m.matches()) {
                return labels;
            }
            value = expand(m, replacementOrSeparator);
        } else {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    joined.append(replacementOrSeparator);
                }
                String v = labels.get(sources.get(i));
                joined.append(v == null ? "" : v);
            }
            value = joined.toString();
        }
        Labels.Builder b = Labels.builder().addAll(labels).remove(destination);
        if (!value.isEmpty()) {
            b.add(destination, value);
        }
        return b.build();
    }

    /** Go's {@code Regexp.Expand}: {@code $name} takes the longest run of word characters. */
    private static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                i = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && (Character.isLetterOrDigit(template.charAt(j)) || template.charAt(j) == '_')) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                i = j;
            }
            out.append(group(m, name));
        }
        return out.toString();
    }

    private static String group(Matcher m, String name) {
        String g;
        try {
            if (name.chars().allMatch(Character::isDigit)) {
                int n = Integer.parseInt(name);
                g = n <= m.groupCount() ? m.group(n) : null;
            } else {
                g = m.group(name);
            }
        } catch (RuntimeException e) {
            g = null;
        }
        return g == null ? "" : g;
    }
}
