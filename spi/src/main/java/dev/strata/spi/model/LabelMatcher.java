package dev.strata.spi.model;

import static java.util.Objects.requireNonNull;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

/**
 * A label matcher with Prometheus semantics: regular expressions are RE2, fully anchored, and an
 * absent label matches as the empty string.
 */
public final class LabelMatcher {
    private final String name;
    private final MatchOp op;
    private final String value;
    private final Pattern pattern;

    private LabelMatcher(String name, MatchOp op, String value) {
        this.name = requireNonNull(name, "name is null");
        this.op = requireNonNull(op, "op is null");
        this.value = requireNonNull(value, "value is null");
        if (op == MatchOp.REGEX || op == MatchOp.NOT_REGEX) {
            this.pattern = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
        } else {
            this.pattern = null;
        }
    }

    /**
     * @throws IllegalArgumentException when a regex does not compile
     */
    public static LabelMatcher of(String name, MatchOp op, String value) {
        try {
            return new LabelMatcher(name, op, value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression " + value + ": " + e.getDescription(), e);
        }
    }

    public static LabelMatcher equal(String name, String value) {
        return new LabelMatcher(name, MatchOp.EQUAL, value);
    }

    public String name() {
        return name;
    }

    public MatchOp op() {
        return op;
    }

    public String value() {
        return value;
    }

    /** Matches a label value; {@code null} (absent) matches as "". */
    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (op) {
            case EQUAL -> value.equals(v);
            case NOT_EQUAL -> !value.equals(v);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    public boolean matches(Labels labels) {
        return matches(labels.get(name));
    }

    /** True when the matcher accepts the empty string, i.e. also series without the label. */
    public boolean matchesEmpty() {
        return matches("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelMatcher other && name.equals(other.name) && op == other.op && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + op.hashCode()) * 31 + value.hashCode();
    }

    @Override
    public String toString() {
        return name + op.symbol() + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
