package dev.strata.promql.parse;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.AggregateOp;
import dev.strata.promql.ast.AtModifier;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.BinaryOp;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.DurationExpr;
import dev.strata.promql.ast.DurationOp;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.FunctionSignature;
import dev.strata.promql.ast.MatrixSelector;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.PositionRange;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.SubqueryExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.UnaryOp;
import dev.strata.promql.ast.VectorMatchCardinality;
import dev.strata.promql.ast.VectorMatching;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.grammar.PromQl;
import dev.strata.promql.grammar.PromQlBaseVisitor;
import dev.strata.promql.grammar.PromQlLexer;
import dev.strata.promql.literal.GoQuoting;
import dev.strata.promql.literal.LiteralSyntaxException;
import dev.strata.promql.literal.PromDurations;
import dev.strata.promql.literal.PromNumbers;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.MatchOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Builds the syntax tree from the parse tree, making the checks that Prometheus's grammar actions make
 * while parsing (unknown functions, modifier placement, duration values, argument counts of
 * aggregations, feature flags). Type rules come afterwards in {@link dev.strata.promql.analyze.TypeChecker}.
 * The first problem found throws; children are built before their parent, so errors come in the
 * order Prometheus reports them.
 */
final class AstBuilder extends PromQlBaseVisitor<Expr> {
    private static final double MAX_DURATION_SECONDS = 9.223372036854775807E9;

    private final String query;
    private final ParserOptions options;
    private final FunctionRegistry functions;

    AstBuilder(String query, ParserOptions options, FunctionRegistry functions) {
        this.query = requireNonNull(query, "query is null");
        this.options = requireNonNull(options, "options is null");
        this.functions = requireNonNull(functions, "functions is null");
    }

    @Override
    public Expr visitQuery(PromQl.QueryContext ctx) {
        return visit(ctx.expression());
    }

    // ------------------------------------------------------------------ postfix modifiers

    @Override
    public Expr visitRangeSelector(PromQl.RangeSelectorContext ctx) {
        Expr inner = visit(ctx.expression());
        Expr range = positiveDuration(ctx.durationExpr());
        PositionRange brackets = range(ctx.LEFT_BRACKET().getSymbol(), ctx.RIGHT_BRACKET().getSymbol());
        if (!(inner instanceof VectorSelector selector)) {
            throw semantic(brackets, "ranges only allowed for vector selectors");
        }
        if (selector.hasOffset()) {
            throw semantic(brackets, "no offset modifiers allowed before range");
        }
        if (selector.at().isPresent()) {
            throw semantic(brackets, "no @ modifiers allowed before range");
        }
        return new MatrixSelector(selector, literalDuration(range), durationExpr(range), position(ctx));
    }

    @Override
    public Expr visitSubquery(PromQl.SubqueryContext ctx) {
        Expr inner = visit(ctx.expression());
        Expr range = positiveDuration(ctx.durationExpr(0));
        Duration step = Duration.ZERO;
        Optional<DurationExpr> stepExpr = Optional.empty();
        if (ctx.durationExpr().size() > 1) {
            Expr stepValue = positiveDuration(ctx.durationExpr(1));
            step = literalDuration(stepValue);
            stepExpr = durationExpr(stepValue);
        }
        return new SubqueryExpr(inner, literalDuration(range), durationExpr(range), step, stepExpr, Duration.ZERO, Optional.empty(),
                Optional.empty(), position(ctx));
    }

    @Override
    public Expr visitOffset(PromQl.OffsetContext ctx) {
        Expr inner = visit(ctx.expression());
        Expr offset = offsetDuration(ctx.offsetDuration());
        Duration literal = literalDuration(offset);
        Optional<DurationExpr> expr = durationExpr(offset);
        PositionRange newPosition = position(ctx);
        if (inner instanceof VectorSelector selector) {
            checkOffsetUnset(selector.hasOffset(), inner);
            return selector.withOffset(literal, expr, newPosition);
        }
        if (inner instanceof MatrixSelector matrix) {
            checkOffsetUnset(matrix.selector().hasOffset(), inner);
            return matrix.withSelector(matrix.selector().withOffset(literal, expr, matrix.selector().position()), newPosition);
        }
        if (inner instanceof SubqueryExpr subquery) {
            checkOffsetUnset(subquery.hasOffset(), inner);
            return subquery.withOffset(literal, expr, newPosition);
        }
        throw semantic(inner.position(), "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void checkOffsetUnset(boolean alreadySet, Expr inner) {
        if (alreadySet) {
            throw semantic(inner.position(), "offset may not be set multiple times");
        }
    }

    @Override
    public Expr visitAt(PromQl.AtContext ctx) {
        Expr inner = visit(ctx.expression());
        PromQl.AtValueContext value = ctx.atValue();
        AtModifier at;
        if (value.numberLiteral() != null) {
            double seconds = number(value.numberLiteral()).value();
            if (value.sign != null && value.sign.getType() == PromQlLexer.SUB) {
                seconds = -seconds;
            }
            if (Double.isNaN(seconds) || seconds >= 9.223372036854775807E18 || seconds <= -9.223372036854775808E18) {
                throw semantic(inner.position(), "timestamp out of bounds for @ modifier: " + goFloat(seconds));
            }
            at = AtModifier.timestamp(Math.round(seconds * 1000));
        } else {
            at = value.START() != null ? AtModifier.start() : AtModifier.end();
        }
        PositionRange newPosition = position(ctx);
        if (inner instanceof VectorSelector selector) {
            checkAtUnset(selector.at().isPresent(), inner);
            return selector.withAt(at, newPosition);
        }
        if (inner instanceof MatrixSelector matrix) {
            checkAtUnset(matrix.selector().at().isPresent(), inner);
            return matrix.withSelector(matrix.selector().withAt(at, matrix.selector().position()), newPosition);
        }
        if (inner instanceof SubqueryExpr subquery) {
            checkAtUnset(subquery.at().isPresent(), inner);
            return subquery.withAt(at, newPosition);
        }
        throw semantic(inner.position(), "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
    }

    private void checkAtUnset(boolean alreadySet, Expr inner) {
        if (alreadySet) {
            throw semantic(inner.position(), "@ <timestamp> may not be set multiple times");
        }
    }

    @Override
    public Expr visitAnchored(PromQl.AnchoredContext ctx) {
        return extendedRange(visit(ctx.expression()), "anchored", position(ctx));
    }

    @Override
    public Expr visitSmoothed(PromQl.SmoothedContext ctx) {
        return extendedRange(visit(ctx.expression()), "smoothed", position(ctx));
    }

    private Expr extendedRange(Expr inner, String modifier, PositionRange newPosition) {
        if (!options.extendedRangeSelectors()) {
            throw semantic(inner.position(), modifier + " modifier is experimental and not enabled");
        }
        boolean anchored = modifier.equals("anchored");
        VectorSelector selector;
        if (inner instanceof VectorSelector vs) {
            selector = vs;
        } else if (inner instanceof MatrixSelector matrix) {
            selector = matrix.selector();
        } else if (inner instanceof SubqueryExpr) {
            throw semantic(inner.position(), modifier + " modifier is not supported for subqueries");
        } else {
            throw semantic(inner.position(), modifier + " modifier not implemented");
        }
        if (anchored ? selector.smoothed() : selector.anchored()) {
            throw semantic(inner.position(), "anchored and smoothed modifiers cannot be used together");
        }
        if (inner instanceof MatrixSelector matrix) {
            VectorSelector flagged = anchored ? selector.withAnchored(selector.position()) : selector.withSmoothed(selector.position());
            return matrix.withSelector(flagged, newPosition);
        }
        return anchored ? selector.withAnchored(newPosition) : selector.withSmoothed(newPosition);
    }

    // ------------------------------------------------------------------ operators

    @Override
    public Expr visitBinary(PromQl.BinaryContext ctx) {
        Expr lhs = visit(ctx.expression(0));
        VectorMatching matching = VectorMatching.oneToOne();
        boolean returnBool = false;
        PromQl.BinModifierContext modifier = ctx.binModifier();
        if (modifier != null) {
            returnBool = modifier.BOOL() != null;
            matching = vectorMatching(modifier);
        }
        Expr rhs = visit(ctx.expression(1));
        PositionRange position = position(ctx);
        if (matching.hasFill() && !options.binopFillModifiers()) {
            throw semantic(position, "binop fill modifiers are experimental and not enabled");
        }
        return new BinaryExpr(binaryOp(ctx.op), lhs, rhs, Optional.of(matching), returnBool, position);
    }

    private VectorMatching vectorMatching(PromQl.BinModifierContext modifier) {
        List<String> matchingLabels = List.of();
        boolean on = false;
        List<String> include = List.of();
        VectorMatchCardinality cardinality = VectorMatchCardinality.ONE_TO_ONE;
        if (modifier.ON() != null || modifier.IGNORING() != null) {
            on = modifier.ON() != null;
            matchingLabels = groupingLabels(modifier.groupingLabels());
            if (modifier.GROUP_LEFT() != null || modifier.GROUP_RIGHT() != null) {
                cardinality = modifier.GROUP_LEFT() != null ? VectorMatchCardinality.MANY_TO_ONE : VectorMatchCardinality.ONE_TO_MANY;
                if (modifier.includeLabels().groupingLabels() != null) {
                    include = groupingLabels(modifier.includeLabels().groupingLabels());
                }
            }
        }
        OptionalDouble fillLeft = OptionalDouble.empty();
        OptionalDouble fillRight = OptionalDouble.empty();
        PromQl.FillModifiersContext fill = modifier.fillModifiers();
        if (fill != null) {
            double first = fillValue(fill.fillValue(0));
            int firstType = fill.getStart().getType();
            if (firstType == PromQlLexer.FILL) {
                fillLeft = OptionalDouble.of(first);
                fillRight = OptionalDouble.of(first);
            } else if (firstType == PromQlLexer.FILL_LEFT) {
                fillLeft = OptionalDouble.of(first);
                if (fill.fillValue().size() > 1) {
                    fillRight = OptionalDouble.of(fillValue(fill.fillValue(1)));
                }
            } else {
                fillRight = OptionalDouble.of(first);
                if (fill.fillValue().size() > 1) {
                    fillLeft = OptionalDouble.of(fillValue(fill.fillValue(1)));
                }
            }
        }
        return new VectorMatching(cardinality, matchingLabels, on, include, fillLeft, fillRight);
    }

    private double fillValue(PromQl.FillValueContext ctx) {
        double value = number(ctx.numberLiteral()).value();
        return ctx.sign != null && ctx.sign.getType() == PromQlLexer.SUB ? -value : value;
    }

    @Override
    public Expr visitUnary(PromQl.UnaryContext ctx) {
        Expr inner = visit(ctx.expression());
        boolean minus = ctx.op.getType() == PromQlLexer.SUB;
        PositionRange position = position(ctx);
        if (inner instanceof NumberLiteral literal) {
            // Prometheus folds the sign into a number literal
            return new NumberLiteral(minus ? -literal.value() : literal.value(), literal.duration(), position);
        }
        return new UnaryExpr(minus ? UnaryOp.MINUS : UnaryOp.PLUS, inner, position);
    }

    @Override
    public Expr visitParen(PromQl.ParenContext ctx) {
        return new ParenExpr(visit(ctx.expression()), position(ctx));
    }

    // ------------------------------------------------------------------ calls and aggregations

    @Override
    public Expr visitAggregate(PromQl.AggregateContext ctx) {
        PromQl.AggregationContext aggregation = ctx.aggregation();
        List<Expr> args = arguments(aggregation.functionArgs());
        List<String> grouping = List.of();
        boolean without = false;
        if (aggregation.groupingClause() != null) {
            without = aggregation.groupingClause().WITHOUT() != null;
            grouping = groupingLabels(aggregation.groupingClause().groupingLabels());
        }
        AggregateOp op = AggregateOp.valueOf(aggregation.aggregateOp().getStart().getText().toUpperCase(Locale.ROOT));
        PositionRange position = position(ctx);
        if (args.isEmpty()) {
            throw semantic(position, "no arguments for aggregate expression provided");
        }
        int desiredArgs = 1;
        Optional<Expr> param = Optional.empty();
        if (op.hasParameter()) {
            if (op.experimental() && !options.experimentalFunctions()) {
                throw semantic(position, op.symbol() + "() is experimental and must be enabled with --enable-feature=promql-experimental-functions");
            }
            desiredArgs = 2;
            param = Optional.of(args.get(0));
        }
        if (args.size() != desiredArgs) {
            throw semantic(position, "wrong number of arguments for aggregate expression provided, expected " + desiredArgs + ", got " + args.size());
        }
        return new AggregateExpr(op, args.get(desiredArgs - 1), param, grouping, without, position);
    }

    @Override
    public Expr visitCall(PromQl.CallContext ctx) {
        PromQl.FunctionCallContext call = ctx.functionCall();
        List<Expr> args = arguments(call.functionArgs());
        String name = call.name.getText();
        PositionRange nameRange = range(call.name, call.name);
        FunctionSignature function = functions.lookup(name)
                .orElseThrow(() -> semantic(nameRange, "unknown function with name " + GoQuoting.quote(name)));
        if (function.experimental() && !options.experimentalFunctions()) {
            throw semantic(nameRange, "function " + GoQuoting.quote(name) + " is not enabled");
        }
        return new Call(function, args, position(ctx));
    }

    private List<Expr> arguments(PromQl.FunctionArgsContext ctx) {
        List<Expr> args = new ArrayList<>(ctx.expression().size());
        for (PromQl.ExpressionContext arg : ctx.expression()) {
            args.add(visit(arg));
        }
        if (ctx.trailingComma != null) {
            throw semantic(range(ctx.trailingComma, ctx.trailingComma), "trailing commas not allowed in function call args");
        }
        return args;
    }

    private List<String> groupingLabels(PromQl.GroupingLabelsContext ctx) {
        List<String> labels = new ArrayList<>(ctx.groupingLabel().size());
        for (PromQl.GroupingLabelContext label : ctx.groupingLabel()) {
            String name;
            if (label.STRING() != null) {
                name = unquote(label.STRING().getSymbol());
            } else {
                name = label.getText();
            }
            if (name.isEmpty()) {
                throw semantic(position(label), "invalid label name for grouping: " + GoQuoting.quote(name));
            }
            labels.add(name);
        }
        return labels;
    }

    // ------------------------------------------------------------------ selectors and literals

    @Override
    public Expr visitMetricSelector(PromQl.MetricSelectorContext ctx) {
        return selector(ctx.vectorSelector());
    }

    @Override
    public Expr visitSelector(PromQl.SelectorContext ctx) {
        return selector(ctx.vectorSelector());
    }

    private VectorSelector selector(PromQl.VectorSelectorContext selector) {
        List<LabelMatcher> matchers = new ArrayList<>();
        if (selector.labelMatchers() != null) {
            for (PromQl.LabelMatcherContext matcher : selector.labelMatchers().labelMatcher()) {
                matchers.add(labelMatcher(matcher));
            }
        }
        String name = "";
        if (selector.metricName() != null) {
            name = selector.metricName().getText();
            matchers.add(LabelMatcher.equal("__name__", name));
        }
        return VectorSelector.of(name, matchers, position(selector));
    }

    private LabelMatcher labelMatcher(PromQl.LabelMatcherContext ctx) {
        if (ctx instanceof PromQl.QuotedMetricNameContext quoted) {
            return LabelMatcher.equal("__name__", unquote(quoted.STRING().getSymbol()));
        }
        PromQl.LabelMatchContext match = (PromQl.LabelMatchContext) ctx;
        Token nameToken = match.getStart();
        String name = nameToken.getType() == PromQlLexer.STRING ? unquote(nameToken) : nameToken.getText();
        Token valueToken = match.getStop();
        String value = unquote(valueToken);
        MatchOp op = switch (match.matchOp().getStart().getType()) {
            case PromQlLexer.EQL -> MatchOp.EQUAL;
            case PromQlLexer.NEQ -> MatchOp.NOT_EQUAL;
            case PromQlLexer.EQL_REGEX -> MatchOp.REGEX;
            default -> MatchOp.NOT_REGEX;
        };
        try {
            return LabelMatcher.of(name, op, value);
        } catch (IllegalArgumentException e) {
            String reason = e.getCause() instanceof com.google.re2j.PatternSyntaxException syntax ? syntax.getDescription() : e.getMessage();
            throw semantic(range(nameToken, valueToken), "error parsing regexp: " + reason + ": `" + value + "`");
        }
    }

    @Override
    public Expr visitNumber(PromQl.NumberContext ctx) {
        return number(ctx.numberLiteral());
    }

    @Override
    public Expr visitString(PromQl.StringContext ctx) {
        return new StringLiteral(unquote(ctx.STRING().getSymbol()), position(ctx));
    }

    private NumberLiteral number(PromQl.NumberLiteralContext ctx) {
        Token token = ctx.getStart();
        PositionRange position = range(token, token);
        try {
            if (token.getType() == PromQlLexer.DURATION) {
                return new NumberLiteral(PromDurations.parseMillis(token.getText()) / 1000.0, true, position);
            }
            return new NumberLiteral(PromNumbers.parse(token.getText()), false, position);
        } catch (LiteralSyntaxException e) {
            throw semantic(position, e.getMessage());
        }
    }

    private String unquote(Token token) {
        try {
            return GoQuoting.unquote(token.getText());
        } catch (LiteralSyntaxException e) {
            // the tokenizer validated escapes already; kept for safety
            throw semantic(range(token, token), e.getMessage());
        }
    }

    // ------------------------------------------------------------------ durations

    /** A range or subquery duration: a literal must be positive. */
    private Expr positiveDuration(PromQl.DurationExprContext ctx) {
        Expr value = duration(ctx);
        if (value instanceof NumberLiteral literal && literal.value() <= 0) {
            throw semantic(literal.position(), "duration must be greater than 0");
        }
        return value;
    }

    private Expr offsetDuration(PromQl.OffsetDurationContext ctx) {
        if (ctx instanceof PromQl.OffsetLiteralContext literalCtx) {
            NumberLiteral literal = number(literalCtx.numberLiteral());
            if (literalCtx.sign == null) {
                checkDurationRange(literal.value(), literal.position());
                return literal;
            }
            double value = literalCtx.sign.getType() == PromQlLexer.SUB ? -literal.value() : literal.value();
            checkDurationRange(value, range(literalCtx.sign, literalCtx.sign));
            return new NumberLiteral(value, literal.duration(), position(ctx));
        }
        if (ctx instanceof PromQl.OffsetQueryParamContext param) {
            DurationExpr inner = queryParam(param.op, param.RIGHT_PAREN().getSymbol());
            return signed(param.sign, inner, position(ctx));
        }
        if (ctx instanceof PromQl.OffsetMinMaxContext minMax) {
            DurationExpr inner = minMax(minMax.op, minMax.durationExpr(0), minMax.durationExpr(1), minMax.RIGHT_PAREN().getSymbol());
            return signed(minMax.sign, inner, position(ctx));
        }
        if (ctx instanceof PromQl.OffsetSignedParenContext signedParen) {
            Expr inner = duration(signedParen.durationExpr());
            PositionRange parens = range(signedParen.LEFT_PAREN().getSymbol(), signedParen.RIGHT_PAREN().getSymbol());
            DurationExpr wrapped = wrap(inner, parens);
            return signed(signedParen.sign, wrapped, position(ctx));
        }
        return duration(((PromQl.OffsetExpressionContext) ctx).durationExpr());
    }

    private Expr signed(Token sign, DurationExpr inner, PositionRange position) {
        if (sign == null) {
            return inner;
        }
        if (sign.getType() == PromQlLexer.SUB) {
            return new DurationExpr(DurationOp.SUB, Optional.empty(), Optional.of(inner), false, position);
        }
        // Prometheus keeps a no-op unary plus node here; it prints the same, so it is dropped
        return inner;
    }

    private Expr duration(PromQl.DurationExprContext ctx) {
        if (ctx instanceof PromQl.DurationLiteralContext literalCtx) {
            NumberLiteral literal = number(literalCtx.numberLiteral());
            checkDurationRange(literal.value(), literal.position());
            return literal;
        }
        if (ctx instanceof PromQl.DurationUnaryContext unary) {
            Expr inner = duration(unary.durationExpr());
            boolean minus = unary.op.getType() == PromQlLexer.SUB;
            if (inner instanceof NumberLiteral literal) {
                double value = minus ? -literal.value() : literal.value();
                checkDurationRange(value, range(unary.op, unary.op));
                return new NumberLiteral(value, literal.duration(), position(ctx));
            }
            if (minus) {
                return new DurationExpr(DurationOp.SUB, Optional.empty(), Optional.of(inner), false, position(ctx));
            }
            return inner;
        }
        if (ctx instanceof PromQl.DurationBinaryContext binary) {
            Expr lhs = duration(binary.durationExpr(0));
            Expr rhs = duration(binary.durationExpr(1));
            experimental(lhs.position());
            DurationOp op = durationOp(binary.op);
            if (rhs instanceof NumberLiteral literal && literal.value() == 0) {
                if (op == DurationOp.DIV) {
                    throw semantic(range(binary.op, binary.op), "division by zero");
                }
                if (op == DurationOp.MOD) {
                    throw semantic(range(binary.op, binary.op), "modulo by zero");
                }
            }
            return new DurationExpr(op, Optional.of(lhs), Optional.of(rhs), false, position(ctx));
        }
        if (ctx instanceof PromQl.DurationParenContext paren) {
            Expr inner = duration(paren.durationExpr());
            experimental(inner.position());
            return wrap(inner, position(ctx));
        }
        if (ctx instanceof PromQl.DurationQueryParamContext param) {
            return queryParam(param.op, param.RIGHT_PAREN().getSymbol());
        }
        PromQl.DurationMinMaxContext minMax = (PromQl.DurationMinMaxContext) ctx;
        return minMax(minMax.op, minMax.durationExpr(0), minMax.durationExpr(1), minMax.RIGHT_PAREN().getSymbol());
    }

    private DurationExpr queryParam(Token op, Token closing) {
        DurationExpr expr = new DurationExpr(op.getType() == PromQlLexer.STEP ? DurationOp.STEP : DurationOp.RANGE, Optional.empty(),
                Optional.empty(), false, range(op, closing));
        experimental(expr.position());
        return expr;
    }

    private DurationExpr minMax(Token op, PromQl.DurationExprContext first, PromQl.DurationExprContext second, Token closing) {
        Expr lhs = duration(first);
        Expr rhs = duration(second);
        DurationExpr expr = new DurationExpr(op.getType() == PromQlLexer.MIN_OF ? DurationOp.MIN_OF : DurationOp.MAX_OF, Optional.of(lhs),
                Optional.of(rhs), false, range(op, closing));
        experimental(expr.position());
        return expr;
    }

    /** Parentheses around a duration: a literal is kept inside a unary plus so that printing keeps them. */
    private static DurationExpr wrap(Expr inner, PositionRange position) {
        if (inner instanceof DurationExpr expr) {
            return expr.withWrapped(expr.position());
        }
        return new DurationExpr(DurationOp.ADD, Optional.empty(), Optional.of(inner), true, position);
    }

    private void experimental(PositionRange position) {
        if (!options.durationExpressions()) {
            throw semantic(position, "experimental duration expression is not enabled");
        }
    }

    private void checkDurationRange(double seconds, PositionRange position) {
        if (seconds > MAX_DURATION_SECONDS || seconds < -MAX_DURATION_SECONDS) {
            throw semantic(position, "duration out of range");
        }
    }

    private static Duration literalDuration(Expr value) {
        if (value instanceof NumberLiteral literal) {
            return Duration.ofNanos(Math.round(literal.value() * 1e9));
        }
        return Duration.ZERO;
    }

    private static Optional<DurationExpr> durationExpr(Expr value) {
        return value instanceof DurationExpr expr ? Optional.of(expr) : Optional.empty();
    }

    private static DurationOp durationOp(Token op) {
        return switch (op.getType()) {
            case PromQlLexer.ADD -> DurationOp.ADD;
            case PromQlLexer.SUB -> DurationOp.SUB;
            case PromQlLexer.MUL -> DurationOp.MUL;
            case PromQlLexer.DIV -> DurationOp.DIV;
            case PromQlLexer.MOD -> DurationOp.MOD;
            default -> DurationOp.POW;
        };
    }

    private static BinaryOp binaryOp(Token op) {
        return switch (op.getType()) {
            case PromQlLexer.ADD -> BinaryOp.ADD;
            case PromQlLexer.SUB -> BinaryOp.SUB;
            case PromQlLexer.MUL -> BinaryOp.MUL;
            case PromQlLexer.DIV -> BinaryOp.DIV;
            case PromQlLexer.MOD -> BinaryOp.MOD;
            case PromQlLexer.POW -> BinaryOp.POW;
            case PromQlLexer.ATAN2 -> BinaryOp.ATAN2;
            case PromQlLexer.EQLC -> BinaryOp.EQLC;
            case PromQlLexer.NEQ -> BinaryOp.NEQ;
            case PromQlLexer.GTR -> BinaryOp.GTR;
            case PromQlLexer.LSS -> BinaryOp.LSS;
            case PromQlLexer.GTE -> BinaryOp.GTE;
            case PromQlLexer.LTE -> BinaryOp.LTE;
            case PromQlLexer.LAND -> BinaryOp.AND;
            case PromQlLexer.LOR -> BinaryOp.OR;
            case PromQlLexer.LUNLESS -> BinaryOp.UNLESS;
            case PromQlLexer.TRIM_UPPER -> BinaryOp.TRIM_UPPER;
            case PromQlLexer.TRIM_LOWER -> BinaryOp.TRIM_LOWER;
            default -> throw new IllegalStateException("not a binary operator: " + op.getText());
        };
    }

    /** Go's {@code %f}. */
    private static String goFloat(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return String.format(Locale.ROOT, "%.6f", value);
    }

    // ------------------------------------------------------------------ positions and errors

    private static PositionRange position(ParserRuleContext ctx) {
        return range(ctx.getStart(), ctx.getStop());
    }

    private static PositionRange range(Token first, Token last) {
        int start = first.getStartIndex();
        int end = last == null || last.getType() == Token.EOF ? start : last.getStopIndex() + 1;
        return new PositionRange(start, Math.max(start, end));
    }

    private StrataException semantic(PositionRange position, String message) {
        return new StrataException(PromQlErrorCode.PROMQL_SEMANTIC, position.location(query), message);
    }
}
