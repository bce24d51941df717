package dev.strata.promql.print;

import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AtModifier;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.DurationExpr;
import dev.strata.promql.ast.DurationOp;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorMatching;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.literal.GoQuoting;
import dev.strata.promql.literal.PromDurations;
import dev.strata.promql.literal.PromNumbers;
import dev.strata.spi.model.LabelMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Formats a PromQL tree as Prometheus does. {@link #print(Expr)} is {@code Expr.String()}: one line,
 * matchers sorted, durations normalised ({@code 90m} prints as {@code 1h30m}), parentheses only where
 * the query had them. {@link #pretty(Expr)} is {@code Pretty(0)}: expressions longer than 100
 * characters split over indented lines.
 */
public final class PromQlPrinter {
    private static final int MAX_CHARACTERS_PER_LINE = 100;
    private static final String INDENT = "  ";

    private PromQlPrinter() {}

    /** The canonical one-line form. */
    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder(64);
        write(out, expr);
        return out.toString();
    }

    /** The form {@code /api/v1/format_query} returns. */
    public static String pretty(Expr expr) {
        return pretty(expr, MAX_CHARACTERS_PER_LINE);
    }

    /** The indented form, splitting expressions longer than {@code maxLineLength}. */
    public static String pretty(Expr expr, int maxLineLength) {
        return new Prettifier(maxLineLength).pretty(expr, 0);
    }

    // ------------------------------------------------------------------ one line

    private static void write(StringBuilder out, Expr expr) {
        if (expr instanceof AggregateExpr aggregate) {
            writeAggregateOp(out, aggregate);
            out.append('(');
            if (aggregate.op().hasParameter()) {
                write(out, aggregate.param().orElseThrow());
                out.append(", ");
            }
            write(out, aggregate.expr());
            out.append(')');
        } else if (expr instanceof BinaryExpr binary) {
            write(out, binary.lhs());
            out.append(' ').append(binary.op().symbol());
            if (binary.returnBool()) {
                out.append(" bool");
            }
            out.append(matching(binary)).append(' ');
            write(out, binary.rhs());
        } else if (expr instanceof Call call) {
            out.append(call.function().name()).append('(');
            for (int i = 0; i < call.args().size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                write(out, call.args().get(i));
            }
            out.append(')');
        } else if (expr instanceof DurationExpr duration) {
            writeDuration(out, duration);
        } else if (expr instanceof MatrixSelector matrix) {
            writeMatrix(out, matrix);
        } else if (expr instanceof NumberLiteral number) {
            out.append(number(number));
        } else if (expr instanceof ParenExpr paren) {
            out.append('(');
            write(out, paren.expr());
            out.append(')');
        } else if (expr instanceof StringLiteral string) {
            out.append(GoQuoting.quote(string.value()));
        } else if (expr instanceof SubqueryExpr subquery) {
            write(out, subquery.expr());
            out.append(subquerySuffix(subquery));
        } else if (expr instanceof UnaryExpr unary) {
            out.append(unary.op().symbol());
            write(out, unary.expr());
        } else if (expr instanceof VectorSelector selector) {
            writeSelectorBody(out, selector);
            writeAt(out, selector.at());
            if (selector.anchored()) {
                out.append(" anchored");
            } else if (selector.smoothed()) {
                out.append(" smoothed");
            }
            writeOffset(out, selector.offset(), selector.offsetExpr());
        } else {
            throw new IllegalArgumentException("unknown expression: " + expr);
        }
    }

    private static void writeAggregateOp(StringBuilder out, AggregateExpr aggregate) {
        out.append(aggregate.op().symbol());
        if (aggregate.without()) {
            out.append(" without (");
            writeLabels(out, aggregate.grouping());
            out.append(") ");
        } else if (!aggregate.grouping().isEmpty()) {
            out.append(" by (");
            writeLabels(out, aggregate.grouping());
            out.append(") ");
        }
    }

    private static void writeLabels(StringBuilder out, List<String> labels) {
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            String label = labels.get(i);
            out.append(isLegacyName(label) ? label : GoQuoting.quote(label));
        }
    }

    private static String matching(BinaryExpr binary) {
        if (binary.matching().isEmpty()) {
            return "";
        }
        VectorMatching vm = binary.matching().get();
        StringBuilder out = new StringBuilder();
        boolean grouped = vm.cardinality() == VectorMatchCardinality.MANY_TO_ONE || vm.cardinality() == VectorMatchCardinality.ONE_TO_MANY;
        if (!vm.matchingLabels().isEmpty() || vm.on() || grouped) {
            out.append(vm.on() ? " on (" : " ignoring (");
            writeLabels(out, vm.matchingLabels());
            out.append(')');
        }
        if (grouped) {
            out.append(vm.cardinality() == VectorMatchCardinality.MANY_TO_ONE ? " group_left (" : " group_right (");
            writeLabels(out, vm.include());
            out.append(')');
        }
        if (vm.hasFill()) {
            if (vm.fillLeft().isPresent() && vm.fillRight().isPresent() && vm.fillLeft().getAsDouble() == vm.fillRight().getAsDouble()) {
                out.append(" fill (").append(goValue(vm.fillLeft().getAsDouble())).append(')');
            } else {
                if (vm.fillLeft().isPresent()) {
                    out.append(" fill_left (").append(goValue(vm.fillLeft().getAsDouble())).append(')');
                }
                if (vm.fillRight().isPresent()) {
                    out.append(" fill_right (").append(goValue(vm.fillRight().getAsDouble())).append(')');
                }
            }
        }
        return out.toString();
    }

    private static void writeDuration(StringBuilder out, DurationExpr duration) {
        if (duration.wrapped()) {
            out.append('(');
        }
        DurationOp op = duration.op();
        if (op == DurationOp.STEP || op == DurationOp.RANGE) {
            out.append(op.symbol()).append("()");
        } else if (op == DurationOp.MIN_OF || op == DurationOp.MAX_OF) {
            out.append(op.symbol()).append('(');
            write(out, duration.lhs().orElseThrow());
            out.append(", ");
            write(out, duration.rhs().orElseThrow());
            out.append(')');
        } else if (duration.lhs().isEmpty()) {
            if (op == DurationOp.SUB) {
                out.append('-');
            }
            write(out, duration.rhs().orElseThrow());
        } else {
            write(out, duration.lhs().get());
            out.append(' ').append(op.symbol()).append(' ');
            write(out, duration.rhs().orElseThrow());
        }
        if (duration.wrapped()) {
            out.append(')');
        }
    }

    private static void writeMatrix(StringBuilder out, MatrixSelector matrix) {
        VectorSelector selector = matrix.selector();
        writeSelectorBody(out, selector);
        out.append('[');
        if (matrix.rangeExpr().isPresent()) {
            writeDuration(out, matrix.rangeExpr().get());
        } else {
            out.append(duration(matrix.range()));
        }
        out.append(']');
        if (selector.anchored()) {
            out.append(" anchored");
        } else if (selector.smoothed()) {
            out.append(" smoothed");
        }
        writeAt(out, selector.at());
        writeOffset(out, selector.offset(), selector.offsetExpr());
    }

    private static String subquerySuffix(SubqueryExpr subquery) {
        StringBuilder out = new StringBuilder();
        out.append('[');
        if (subquery.rangeExpr().isPresent()) {
            writeDuration(out, subquery.rangeExpr().get());
        } else {
            out.append(duration(subquery.range()));
        }
        out.append(':');
        if (!subquery.step().isZero()) {
            out.append(duration(subquery.step()));
        } else if (subquery.stepExpr().isPresent()) {
            writeDuration(out, subquery.stepExpr().get());
        }
        out.append(']');
        writeAt(out, subquery.at());
        writeOffset(out, subquery.offset(), subquery.offsetExpr());
        return out.toString();
    }

    private static void writeSelectorBody(StringBuilder out, VectorSelector selector) {
        List<String> matchers = new ArrayList<>(selector.matchers().size());
        for (LabelMatcher matcher : selector.matchers()) {
            boolean isName = matcher.name().equals("__name__") && matcher.op() == dev.strata.spi.model.MatchOp.EQUAL
                    && matcher.value().equals(selector.name()) && !matcher.value().isEmpty();
            if (!isName) {
                matchers.add(matcher(matcher));
            }
        }
        out.append(selector.name());
        if (!matchers.isEmpty()) {
            Collections.sort(matchers);
            out.append('{').append(String.join(",", matchers)).append('}');
        }
    }

    /** Prometheus's {@code Matcher.String()}: the name quoted only when it is not a legacy label name. */
    private static String matcher(LabelMatcher matcher) {
        String name = isLegacyName(matcher.name()) ? matcher.name() : GoQuoting.quote(matcher.name());
        return name + matcher.op().symbol() + GoQuoting.quote(matcher.value());
    }

    private static void writeAt(StringBuilder out, Optional<AtModifier> at) {
        if (at.isEmpty()) {
            return;
        }
        switch (at.get().kind()) {
            case TIMESTAMP -> out.append(" @ ").append(String.format(Locale.ROOT, "%.3f", at.get().timestampMillis() / 1000.0));
            case START -> out.append(" @ start()");
            case END -> out.append(" @ end()");
        }
    }

    private static void writeOffset(StringBuilder out, Duration offset, Optional<DurationExpr> offsetExpr) {
        if (offsetExpr.isPresent()) {
            out.append(" offset ");
            writeDuration(out, offsetExpr.get());
        } else if (offset.isNegative()) {
            out.append(" offset -").append(duration(offset.negated()));
        } else if (!offset.isZero()) {
            out.append(" offset ").append(duration(offset));
        }
    }

    private static String duration(Duration duration) {
        return PromDurations.format(duration.toNanos() / 1_000_000L);
    }

    private static String number(NumberLiteral number) {
        if (!number.duration()) {
            return PromNumbers.format(number.value());
        }
        // Go converts seconds to integer nanoseconds, then prints whole milliseconds
        if (number.value() < 0) {
            return "-" + PromDurations.format((long) (-number.value() * 1e9) / 1_000_000L);
        }
        return PromDurations.format((long) (number.value() * 1e9) / 1_000_000L);
    }

    /** Go's {@code %v} of a float64 (the {@code %g} shortest form). */
    private static String goValue(double value) {
        double abs = Math.abs(value);
        if (Double.isNaN(value) || Double.isInfinite(value) || abs == 0 || (abs >= 1e-4 && abs < 1e21)) {
            return PromNumbers.format(value);
        }
        String s = new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toString();
        // BigDecimal prints 1E+21; Go prints 1e+21 and two-digit exponents
        s = s.replace('E', 'e');
        int e = s.indexOf('e');
        String exponent = s.substring(e + 2);
        return s.substring(0, e + 2) + (exponent.length() < 2 ? "0" + exponent : exponent);
    }

    static boolean isLegacyName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ pretty

    /** {@code Pretty(level)} with a line width. */
    private record Prettifier(int maxLineLength) {
        String pretty(Expr expr, int level) {
            String indent = INDENT.repeat(level);
            if (expr instanceof AggregateExpr aggregate) {
                if (!needsSplit(expr)) {
                    return indent + print(expr);
                }
                StringBuilder out = new StringBuilder(indent);
                writeAggregateOp(out, aggregate);
                out.append("(\n");
                if (aggregate.op().hasParameter()) {
                    out.append(pretty(aggregate.param().orElseThrow(), level + 1)).append(",\n");
                }
                return out.append(pretty(aggregate.expr(), level + 1)).append('\n').append(indent).append(')').toString();
            }
            if (expr instanceof BinaryExpr binary) {
                if (!needsSplit(expr)) {
                    return indent + print(expr);
                }
                return pretty(binary.lhs(), level + 1) + "\n" + indent + binary.op().symbol() + (binary.returnBool() ? " bool" : "")
                        + matching(binary) + "\n" + pretty(binary.rhs(), level + 1);
            }
            if (expr instanceof Call call) {
                if (!needsSplit(expr)) {
                    return indent + print(expr);
                }
                List<String> args = new ArrayList<>(call.args().size());
                for (Expr arg : call.args()) {
                    args.add(pretty(arg, level + 1));
                }
                return indent + call.function().name() + "(\n" + String.join(",\n", args) + "\n" + indent + ")";
            }
            if (expr instanceof ParenExpr paren) {
                if (!needsSplit(expr)) {
                    return indent + print(expr);
                }
                return indent + "(\n" + pretty(paren.expr(), level + 1) + "\n" + indent + ")";
            }
            if (expr instanceof SubqueryExpr subquery) {
                if (!needsSplit(expr)) {
                    return print(expr);
                }
                return pretty(subquery.expr(), level) + subquerySuffix(subquery);
            }
            if (expr instanceof UnaryExpr unary) {
                return indent + unary.op().symbol() + pretty(unary.expr(), level).strip();
            }
            if (expr instanceof DurationExpr) {
                return print(expr);
            }
            return indent + print(expr);
        }

        private boolean needsSplit(Expr expr) {
            return print(expr).length() > maxLineLength;
        }
    }
}
