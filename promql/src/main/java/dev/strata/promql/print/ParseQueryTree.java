package dev.strata.promql.print;

import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AtModifier;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.DurationExpr;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorMatching;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.literal.PromNumbers;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The JSON tree {@code /api/v1/parse_query} returns (Prometheus's {@code translateAST}), as nested
 * maps (keys sorted, as Go marshals maps), lists, strings, numbers, booleans and nulls, ready for
 * any JSON writer. Maps may hold null values.
 */
public final class ParseQueryTree {
    private ParseQueryTree() {}

    public static Map<String, Object> of(Expr expr) {
        Map<String, Object> node = new TreeMap<>();
        if (expr instanceof AggregateExpr aggregate) {
            node.put("type", "aggregation");
            node.put("op", aggregate.op().symbol());
            node.put("expr", of(aggregate.expr()));
            node.put("param", aggregate.param().map(ParseQueryTree::of).orElse(null));
            node.put("grouping", aggregate.grouping());
            node.put("without", aggregate.without());
        } else if (expr instanceof BinaryExpr binary) {
            node.put("type", "binaryExpr");
            node.put("op", binary.op().symbol());
            node.put("lhs", of(binary.lhs()));
            node.put("rhs", of(binary.rhs()));
            node.put("matching", binary.matching().map(ParseQueryTree::matching).orElse(null));
            node.put("bool", binary.returnBool());
        } else if (expr instanceof Call call) {
            Map<String, Object> function = new TreeMap<>();
            function.put("name", call.function().name());
            List<String> argTypes = new ArrayList<>();
            for (ValueType type : call.function().argTypes()) {
                argTypes.add(type.shortName());
            }
            function.put("argTypes", argTypes);
            function.put("variadic", call.function().variadic());
            function.put("returnType", call.function().returnType().shortName());
            List<Object> args = new ArrayList<>();
            for (Expr arg : call.args()) {
                args.add(of(arg));
            }
            node.put("type", "call");
            node.put("func", function);
            node.put("args", args);
        } else if (expr instanceof MatrixSelector matrix) {
            VectorSelector selector = matrix.selector();
            node.put("type", "matrixSelector");
            node.put("name", selector.name());
            node.put("range", matrix.range().toMillis());
            node.put("rangeExpr", matrix.rangeExpr().map(ParseQueryTree::duration).orElse(null));
            putSelectorFields(node, selector);
        } else if (expr instanceof SubqueryExpr subquery) {
            node.put("type", "subquery");
            node.put("expr", of(subquery.expr()));
            node.put("range", subquery.range().toMillis());
            node.put("rangeExpr", subquery.rangeExpr().map(ParseQueryTree::duration).orElse(null));
            node.put("offset", subquery.offset().toMillis());
            node.put("offsetExpr", subquery.offsetExpr().map(ParseQueryTree::duration).orElse(null));
            node.put("step", subquery.step().toMillis());
            node.put("stepExpr", subquery.stepExpr().map(ParseQueryTree::duration).orElse(null));
            putAt(node, subquery.at());
        } else if (expr instanceof DurationExpr durationExpr) {
            return duration(durationExpr);
        } else if (expr instanceof NumberLiteral number) {
            node.put("type", "numberLiteral");
            node.put("val", PromNumbers.format(number.value()));
        } else if (expr instanceof ParenExpr paren) {
            node.put("type", "parenExpr");
            node.put("expr", of(paren.expr()));
        } else if (expr instanceof StringLiteral string) {
            node.put("type", "stringLiteral");
            node.put("val", string.value());
        } else if (expr instanceof UnaryExpr unary) {
            node.put("type", "unaryExpr");
            node.put("op", unary.op().symbol());
            node.put("expr", of(unary.expr()));
        } else if (expr instanceof VectorSelector selector) {
            node.put("type", "vectorSelector");
            node.put("name", selector.name());
            putSelectorFields(node, selector);
        } else {
            throw new IllegalArgumentException("unknown expression: " + expr);
        }
        return node;
    }

    private static void putSelectorFields(Map<String, Object> node, VectorSelector selector) {
        node.put("offset", selector.offset().toMillis());
        node.put("offsetExpr", selector.offsetExpr().map(ParseQueryTree::duration).orElse(null));
        List<Object> matchers = new ArrayList<>();
        for (LabelMatcher matcher : selector.matchers()) {
            Map<String, Object> m = new TreeMap<>();
            m.put("name", matcher.name());
            m.put("value", matcher.value());
            m.put("type", matcher.op().symbol());
            matchers.add(m);
        }
        node.put("matchers", matchers);
        putAt(node, selector.at());
        node.put("anchored", selector.anchored());
        node.put("smoothed", selector.smoothed());
    }

    private static void putAt(Map<String, Object> node, Optional<AtModifier> at) {
        Long timestamp = null;
        String startOrEnd = null;
        if (at.isPresent()) {
            switch (at.get().kind()) {
                case TIMESTAMP -> timestamp = at.get().timestampMillis();
                case START -> startOrEnd = "start";
                case END -> startOrEnd = "end";
            }
        }
        node.put("timestamp", timestamp);
        node.put("startOrEnd", startOrEnd);
    }

    private static Map<String, Object> matching(VectorMatching vm) {
        Map<String, Object> matching = new TreeMap<>();
        matching.put("card", cardinality(vm.cardinality()));
        matching.put("labels", vm.matchingLabels());
        matching.put("on", vm.on());
        matching.put("include", vm.include());
        Map<String, Object> fill = new TreeMap<>();
        fill.put("lhs", boxed(vm.fillLeft()));
        fill.put("rhs", boxed(vm.fillRight()));
        matching.put("fillValues", fill);
        return matching;
    }

    private static Double boxed(OptionalDouble value) {
        return value.isPresent() ? value.getAsDouble() : null;
    }

    private static String cardinality(VectorMatchCardinality cardinality) {
        return switch (cardinality) {
            case ONE_TO_ONE -> "one-to-one";
            case MANY_TO_ONE -> "many-to-one";
            case ONE_TO_MANY -> "one-to-many";
            case MANY_TO_MANY -> "many-to-many";
        };
    }

    private static Map<String, Object> duration(Expr expr) {
        Map<String, Object> node = new TreeMap<>();
        if (expr instanceof NumberLiteral number) {
            node.put("type", "numberLiteral");
            node.put("val", PromNumbers.format(number.value()));
            node.put("duration", number.duration());
            return node;
        }
        DurationExpr duration = (DurationExpr) expr;
        node.put("type", "durationExpr");
        // Prometheus prints the item: operators as symbols, step/range/min_of/max_of by name
        node.put("op", duration.op().symbol());
        node.put("lhs", duration.lhs().map(ParseQueryTree::duration).orElse(null));
        node.put("rhs", duration.rhs().map(ParseQueryTree::duration).orElse(null));
        node.put("wrapped", duration.wrapped());
        return node;
    }
}
