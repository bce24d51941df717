package dev.strata.promql.analyze;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.DurationExpr;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.FunctionSignature;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.PositionRange;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorMatching;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.literal.GoQuoting;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The type and modifier rules Prometheus's parser checks once the whole tree is built
 * ({@code checkAST}): operand types of operators, functions and aggregations, argument counts,
 * vector matching only between instant vectors, selectors that cannot select everything.
 *
 * <p>It also normalises the tree as Prometheus does: set operators match many-to-many, binary
 * operations that are not between two instant vectors carry no vector matching, and the label
 * selector argument of {@code info()} may be empty.
 */
public final class TypeChecker {
    private final String query;

    /** @param query the query text, for error positions */
    public TypeChecker(String query) {
        this.query = requireNonNull(query, "query is null");
    }

    /**
     * Checks the tree and returns it normalised.
     *
     * @throws StrataException with {@link PromQlErrorCode#PROMQL_SEMANTIC} for the first violation
     */
    public Expr check(Expr expr) {
        if (expr instanceof AggregateExpr aggregate) {
            return checkAggregate(aggregate);
        }
        if (expr instanceof BinaryExpr binary) {
            return checkBinary(binary);
        }
        if (expr instanceof Call call) {
            return checkCall(call);
        }
        if (expr instanceof ParenExpr paren) {
            return new ParenExpr(check(paren.expr()), paren.position());
        }
        if (expr instanceof UnaryExpr unary) {
            Expr inner = check(unary.expr());
            ValueType type = inner.type();
            if (type != ValueType.SCALAR && type != ValueType.VECTOR) {
                throw error(unary.position(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                        + GoQuoting.quote(type.documentedName()));
            }
            return new UnaryExpr(unary.op(), inner, unary.position());
        }
        if (expr instanceof SubqueryExpr subquery) {
            Expr inner = check(subquery.expr());
            if (inner.type() != ValueType.VECTOR) {
                throw error(subquery.position(), "subquery is only allowed on instant vector, got " + inner.type().shortName() + " instead");
            }
            return new SubqueryExpr(inner, subquery.range(), subquery.rangeExpr(), subquery.step(), subquery.stepExpr(), subquery.offset(),
                    subquery.offsetExpr(), subquery.at(), subquery.position());
        }
        if (expr instanceof MatrixSelector matrix) {
            checkSelector(matrix.selector());
            return matrix;
        }
        if (expr instanceof VectorSelector selector) {
            checkSelector(selector);
            return selector;
        }
        if (expr instanceof NumberLiteral || expr instanceof StringLiteral || expr instanceof DurationExpr) {
            return expr;
        }
        throw new IllegalStateException("unknown node type: " + expr.getClass().getSimpleName());
    }

    private Expr checkAggregate(AggregateExpr aggregate) {
        Expr inner = expectType(aggregate.expr(), ValueType.VECTOR, "aggregation expression");
        Optional<Expr> param = aggregate.param();
        if (aggregate.op().hasParameter()) {
            param = Optional.of(expectType(param.orElseThrow(), aggregate.op().parameterType(), "aggregation parameter"));
        }
        return new AggregateExpr(aggregate.op(), inner, param, aggregate.grouping(), aggregate.without(), aggregate.position());
    }

    private Expr expectType(Expr expr, ValueType want, String context) {
        Expr checked = check(expr);
        if (checked.type() != want) {
            throw error(expr.position(), "expected type " + want.documentedName() + " in " + context + ", got " + checked.type().documentedName());
        }
        return checked;
    }

    private Expr checkBinary(BinaryExpr binary) {
        Expr lhs = check(binary.lhs());
        Expr rhs = check(binary.rhs());
        ValueType lt = lhs.type();
        ValueType rt = rhs.type();
        VectorMatching matching = binary.matching().orElse(VectorMatching.oneToOne());
        if (binary.returnBool() && !binary.op().isComparison()) {
            throw error(operatorRange(binary), "bool modifier can only be used on comparison operators");
        }
        if (binary.op().isComparison() && !binary.returnBool() && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw error(operatorRange(binary), "comparisons between scalars must use BOOL modifier");
        }
        if (binary.op().isSetOperator() && matching.cardinality() == VectorMatchCardinality.ONE_TO_ONE) {
            matching = matching.withCardinality(VectorMatchCardinality.MANY_TO_MANY);
        }
        if (matching.on()) {
            for (String label : matching.matchingLabels()) {
                if (matching.include().contains(label)) {
                    throw error(operatorRange(binary), "label " + GoQuoting.quote(label) + " must not occur in ON and GROUP clause at once");
                }
            }
        }
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw error(lhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw error(rhs.position(), "binary expression must contain only scalar and instant vector types");
        }
        Optional<VectorMatching> result = Optional.of(matching);
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!matching.matchingLabels().isEmpty()) {
                throw error(binary.position(), "vector matching only allowed between instant vectors");
            }
            if (matching.hasFill()) {
                throw error(binary.position(), "filling in missing series only allowed between instant vectors");
            }
            result = Optional.empty();
        } else if (binary.op().isSetOperator()) {
            if (matching.cardinality() == VectorMatchCardinality.ONE_TO_MANY || matching.cardinality() == VectorMatchCardinality.MANY_TO_ONE) {
                throw error(binary.position(), "no grouping allowed for " + GoQuoting.quote(binary.op().symbol()) + " operation");
            }
            if (matching.cardinality() != VectorMatchCardinality.MANY_TO_MANY) {
                throw error(binary.position(), "set operations must always be many-to-many");
            }
            if (matching.hasFill()) {
                throw error(binary.position(), "filling in missing series not allowed for set operators");
            }
        }
        if ((lt == ValueType.SCALAR || rt == ValueType.SCALAR) && binary.op().isSetOperator()) {
            throw error(binary.position(), "set operator " + GoQuoting.quote(binary.op().symbol()) + " not allowed in binary scalar expression");
        }
        return new BinaryExpr(binary.op(), lhs, rhs, result, binary.returnBool(), binary.position());
    }

    /** The operator part of a binary expression, without surrounding whitespace. */
    private PositionRange operatorRange(BinaryExpr binary) {
        int start = binary.lhs().position().end();
        while (start < query.length() && Character.isWhitespace(query.charAt(start))) {
            start++;
        }
        int end = binary.rhs().position().start() - 1;
        while (end > start && Character.isWhitespace(query.charAt(end))) {
            end--;
        }
        return new PositionRange(start, Math.max(start, end));
    }

    private Expr checkCall(Call call) {
        FunctionSignature function = call.function();
        List<Expr> args = call.args();
        int declared = function.argTypes().size();
        if (function.variadic() == 0) {
            if (declared != args.size()) {
                throw error(call.position(), "expected " + declared + " argument(s) in call to " + GoQuoting.quote(function.name()) + ", got " + args.size());
            }
        } else {
            int required = declared - 1;
            if (required > args.size()) {
                throw error(call.position(), "expected at least " + required + " argument(s) in call to " + GoQuoting.quote(function.name()) + ", got " + args.size());
            }
            int max = required + function.variadic();
            if (function.variadic() > 0 && max < args.size()) {
                throw error(call.position(), "expected at most " + max + " argument(s) in call to " + GoQuoting.quote(function.name()) + ", got " + args.size());
            }
        }
        List<Expr> checkedArgs = new ArrayList<>(args);
        if (function.name().equals("info") && args.size() > 1) {
            Expr labelSelector = args.get(1);
            if (labelSelector.type() != ValueType.VECTOR) {
                throw error(call.position(), "expected type instant vector in call to function \"info\", got " + labelSelector.type().documentedName());
            }
            if (labelSelector instanceof VectorSelector selector && !selector.name().isEmpty()) {
                throw error(labelSelector.position(), "expected label selectors only, got vector selector instead");
            } else if (labelSelector instanceof VectorSelector selector) {
                checkedArgs.set(1, selector.withBypassEmptyMatcherCheck());
            } else {
                throw error(labelSelector.position(), "expected label selectors only");
            }
        }
        for (int i = 0; i < checkedArgs.size(); i++) {
            int typeIndex = i;
            if (i >= declared) {
                if (function.variadic() == 0) {
                    break;
                }
                typeIndex = declared - 1;
            }
            Expr checked = check(checkedArgs.get(i));
            ValueType want = function.argTypes().get(typeIndex);
            if (checked.type() != want) {
                throw error(checked.position(), "expected type " + want.documentedName() + " in call to function " + GoQuoting.quote(function.name())
                        + ", got " + checked.type().documentedName());
            }
            checkedArgs.set(i, checked);
        }
        return call.withArgs(checkedArgs);
    }

    private void checkSelector(VectorSelector selector) {
        List<LabelMatcher> matchers = selector.matchers();
        if (!selector.name().isEmpty()) {
            // the last matcher is the name written before the braces
            for (LabelMatcher matcher : matchers.subList(0, matchers.size() - 1)) {
                if (matcher.name().equals("__name__")) {
                    throw error(selector.position(), "metric name must not be set twice: " + GoQuoting.quote(selector.name()) + " or "
                            + GoQuoting.quote(matcher.value()));
                }
            }
            return;
        }
        if (selector.bypassEmptyMatcherCheck()) {
            return;
        }
        for (LabelMatcher matcher : matchers) {
            if (!matcher.matchesEmpty()) {
                return;
            }
        }
        throw error(selector.position(), "vector selector must contain at least one non-empty matcher");
    }

    private StrataException error(PositionRange position, String message) {
        return new StrataException(PromQlErrorCode.PROMQL_SEMANTIC, position.location(query), message);
    }
}
