package dev.strata.engine.plan.rules;

import com.google.common.collect.Range;
import dev.strata.engine.catalog.TableColumn;
import dev.strata.engine.plan.physical.ColumnarTableScan;
import dev.strata.engine.plan.physical.ScanSpec;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.MatchOp;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.table.TelemetryTables;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.Sarg;
import org.apache.calcite.util.TimestampString;

/**
 * Derives the time range and label matchers a filter implies for the scan below it. Only
 * conjuncts of the filter are used, and each yields a hint that never excludes a matching row
 * (the filter stays in the plan): comparisons, BETWEEN and IN (Calcite's SEARCH) on the table's
 * time column, and {@code =}, {@code <>}, {@code LIKE}, {@code NOT LIKE} and {@code IN} on the
 * label columns ({@code metric}, {@code labels['x']}; for spans {@code service_name},
 * {@code name} and {@code resource_attributes['x']}).
 */
public final class ScanPushdown {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private ScanPushdown() {}

    public static ScanSpec derive(RexNode condition, ColumnarTableScan scan) {
        long start = scan.spec().timeRange().startNanos();
        long end = scan.spec().timeRange().endNanos();
        Set<LabelMatcher> matchers = new LinkedHashSet<>(scan.spec().matchers());
        for (RexNode conjunct : RelOptUtil.conjunctions(condition)) {
            long[] range = timeRange(conjunct, scan);
            if (range != null) {
                start = Math.max(start, range[0]);
                end = Math.min(end, range[1]);
                continue;
            }
            LabelMatcher matcher = matcher(conjunct, scan);
            if (matcher != null) {
                matchers.add(matcher);
            }
        }
        TimeRange timeRange = start <= end ? new TimeRange(start, end) : new TimeRange(start, start);
        return new ScanSpec(timeRange, List.copyOf(matchers));
    }

    /** The time column the store prunes on, or null. */
    private static String timeColumn(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES, TelemetryTables.LOGS -> "ts";
            case TelemetryTables.SPANS -> "start_ts";
            default -> null;
        };
    }

    private static long[] timeRange(RexNode conjunct, ColumnarTableScan scan) {
        if (!(conjunct instanceof RexCall call)) {
            return null;
        }
        String timeColumn = timeColumn(scan.telemetryTable().name());
        if (timeColumn == null) {
            return null;
        }
        if (call.getKind() == SqlKind.SEARCH) {
            TableColumn column = column(call.getOperands().get(0), scan);
            if (column == null || !column.sourceColumn().equals(timeColumn) || !(call.getOperands().get(1) instanceof RexLiteral literal)) {
                return null;
            }
            Sarg<?> sarg = literal.getValueAs(Sarg.class);
            if (sarg == null || sarg.rangeSet.isEmpty()) {
                return null;
            }
            Range<?> span = sarg.rangeSet.span();
            boolean isNanos = column.conversion() == TableColumn.Conversion.NANOS_AS_BIGINT;
            long lo = Long.MIN_VALUE;
            long hi = Long.MAX_VALUE;
            if (span.hasLowerBound()) {
                long value = toLong(span.lowerEndpoint());
                lo = lowerBound(value, span.lowerBoundType() == com.google.common.collect.BoundType.OPEN, isNanos);
            }
            if (span.hasUpperBound()) {
                long value = toLong(span.upperEndpoint());
                hi = upperBound(value, span.upperBoundType() == com.google.common.collect.BoundType.OPEN, isNanos);
            }
            return new long[] {lo, hi};
        }
        SqlKind kind = call.getKind();
        if (kind != SqlKind.GREATER_THAN && kind != SqlKind.GREATER_THAN_OR_EQUAL && kind != SqlKind.LESS_THAN
                && kind != SqlKind.LESS_THAN_OR_EQUAL && kind != SqlKind.EQUALS) {
            return null;
        }
        RexNode left = call.getOperands().get(0);
        RexNode right = call.getOperands().get(1);
        if (left instanceof RexLiteral) {
            RexNode swap = left;
            left = right;
            right = swap;
            kind = kind.reverse();
        }
        TableColumn column = column(left, scan);
        if (column == null || !column.sourceColumn().equals(timeColumn) || !(right instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        boolean isNanos = column.conversion() == TableColumn.Conversion.NANOS_AS_BIGINT;
        long value = toLong(literal.getValue());
        return switch (kind) {
            case GREATER_THAN -> new long[] {lowerBound(value, true, isNanos), Long.MAX_VALUE};
            case GREATER_THAN_OR_EQUAL -> new long[] {lowerBound(value, false, isNanos), Long.MAX_VALUE};
            case LESS_THAN -> new long[] {Long.MIN_VALUE, upperBound(value, true, isNanos)};
            case LESS_THAN_OR_EQUAL -> new long[] {Long.MIN_VALUE, upperBound(value, false, isNanos)};
            default -> new long[] {lowerBound(value, false, isNanos), upperBound(value, false, isNanos)};
        };
    }

    /** Smallest epoch-nanosecond value whose column value satisfies {@code > value} or {@code >= value}. */
    private static long lowerBound(long value, boolean isOpen, boolean isNanos) {
        long bound = isOpen ? saturatedAdd(value, 1) : value;
        return isNanos ? bound : TimeRange.millisToNanos(bound);
    }

    /** Largest epoch-nanosecond value whose column value (nanos, or nanos floored to millis) satisfies {@code < value} or {@code <= value}. */
    private static long upperBound(long value, boolean isOpen, boolean isNanos) {
        long bound = isOpen ? saturatedAdd(value, -1) : value;
        if (isNanos) {
            return bound;
        }
        long nanos = TimeRange.millisToNanos(saturatedAdd(bound, 1));
        return nanos == Long.MAX_VALUE ? nanos : nanos - 1;
    }

    private static long saturatedAdd(long value, long delta) {
        long sum = value + delta;
        if (((value ^ sum) & (delta ^ sum)) < 0) {
            return delta > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return sum;
    }

    private static long toLong(Object value) {
        if (value instanceof TimestampString timestamp) {
            return timestamp.getMillisSinceEpoch();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.longValue();
        }
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof java.util.Calendar calendar) {
            return calendar.getTimeInMillis();
        }
        throw new IllegalArgumentException("not a time literal: " + value);
    }

    private static TableColumn column(RexNode node, ColumnarTableScan scan) {
        if (node instanceof RexInputRef ref) {
            return scan.column(ref.getIndex());
        }
        return null;
    }

    private static LabelMatcher matcher(RexNode conjunct, ColumnarTableScan scan) {
        boolean negated = false;
        RexNode node = conjunct;
        if (node.getKind() == SqlKind.NOT) {
            negated = true;
            node = ((RexCall) node).getOperands().get(0);
        }
        if (!(node instanceof RexCall call)) {
            return null;
        }
        SqlKind kind = call.getKind();
        if (kind != SqlKind.EQUALS && kind != SqlKind.NOT_EQUALS && kind != SqlKind.LIKE && kind != SqlKind.SEARCH) {
            return null;
        }
        if (negated && kind != SqlKind.LIKE) {
            return null;
        }
        String label = labelName(call.getOperands().get(0), scan);
        if (label == null || !(call.getOperands().get(1) instanceof RexLiteral literal) || literal.isNull()) {
            return null;
        }
        try {
            return switch (kind) {
                case EQUALS -> LabelMatcher.of(label, MatchOp.EQUAL, string(literal));
                case NOT_EQUALS -> LabelMatcher.of(label, MatchOp.NOT_EQUAL, string(literal));
                case LIKE -> like(label, call, literal, negated);
                default -> in(label, literal);
            };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LabelMatcher like(String label, RexCall call, RexLiteral pattern, boolean negated) {
        if (call.getOperands().size() > 2 || !(call.getOperator() instanceof SqlLikeOperator operator)
                || !"LIKE".equals(operator.getName()) && !"NOT LIKE".equals(operator.getName())) {
            return null;
        }
        boolean isNot = negated != operator.isNegated();
        StringBuilder regex = new StringBuilder();
        for (char c : string(pattern).toCharArray()) {
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(com.google.re2j.Pattern.quote(String.valueOf(c)));
            }
        }
        return LabelMatcher.of(label, isNot ? MatchOp.NOT_REGEX : MatchOp.REGEX, regex.toString());
    }

    private static LabelMatcher in(String label, RexLiteral literal) {
        Sarg<?> sarg = literal.getValueAs(Sarg.class);
        if (sarg == null || !sarg.isPoints() || sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.UNKNOWN && sarg.nullAs != org.apache.calcite.rex.RexUnknownAs.FALSE) {
            return null;
        }
        List<String> alternatives = new ArrayList<>();
        for (Range<?> range : sarg.rangeSet.asRanges()) {
            Object value = range.lowerEndpoint();
            String text = value instanceof NlsString nls ? nls.getValue() : String.valueOf(value);
            alternatives.add(com.google.re2j.Pattern.quote(text));
        }
        return LabelMatcher.of(label, MatchOp.REGEX, String.join("|", alternatives));
    }

    private static String string(RexLiteral literal) {
        String value = literal.getValueAs(String.class);
        if (value == null) {
            throw new IllegalArgumentException("not a string literal");
        }
        return value;
    }

    /** The label a column or {@code map['key']} stands for in the store's label set, or null. */
    private static String labelName(RexNode node, ColumnarTableScan scan) {
        String table = scan.telemetryTable().name();
        if (node instanceof RexInputRef) {
            TableColumn column = column(node, scan);
            if (column == null) {
                return null;
            }
            return switch (table) {
                case TelemetryTables.SAMPLES, TelemetryTables.SERIES -> column.name().equals("metric") ? "__name__" : null;
                case TelemetryTables.SPANS -> column.name().equals("service_name") || column.name().equals("name") ? column.name() : null;
                default -> null;
            };
        }
        if (node instanceof RexCall item && item.getKind() == SqlKind.ITEM && item.getOperands().get(1) instanceof RexLiteral key) {
            TableColumn map = column(item.getOperands().get(0), scan);
            String mapName = switch (table) {
                case TelemetryTables.SPANS -> "resource_attributes";
                default -> "labels";
            };
            if (map != null && map.name().equals(mapName)) {
                return key.getValueAs(String.class);
            }
        }
        return null;
    }
}
