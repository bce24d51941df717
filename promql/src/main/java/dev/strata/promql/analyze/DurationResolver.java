package dev.strata.promql.analyze;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.AggregateExpr;
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
import dev.strata.promql.ast.VectorSelector;
import dev.strata.spi.error.StrataException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates duration expressions ({@code [step() + 1m]}, {@code offset -(1h / 2)}) once the query's
 * step and range are known, as Prometheus does before evaluation: every range, subquery step and
 * offset given by an expression becomes a literal duration (whole milliseconds), and the expression
 * is dropped. Ranges and steps must come out positive; offsets may be negative.
 */
public final class DurationResolver {
    private static final double MAX_SECONDS = 9.223372036854775807E9;

    private final double stepSeconds;
    private final double rangeSeconds;

    /**
     * @param step the query step (zero for an instant query)
     * @param queryRange end minus start of the query (zero for an instant query)
     */
    public DurationResolver(Duration step, Duration queryRange) {
        this.stepSeconds = requireNonNull(step, "step is null").toNanos() / 1e9;
        this.rangeSeconds = requireNonNull(queryRange, "queryRange is null").toNanos() / 1e9;
    }

    /** The tree with every duration expression replaced by its value. */
    public Expr resolve(Expr expr) {
        if (expr instanceof VectorSelector selector) {
            return resolveSelector(selector);
        }
        if (expr instanceof MatrixSelector matrix) {
            VectorSelector selector = resolveSelector(matrix.selector());
            Duration range = matrix.rangeExpr().isPresent() ? toDuration(matrix.rangeExpr().get(), false) : matrix.range();
            return new MatrixSelector(selector, range, Optional.empty(), matrix.position());
        }
        if (expr instanceof SubqueryExpr subquery) {
            Duration offset = subquery.offsetExpr().isPresent() ? toDuration(subquery.offsetExpr().get(), true) : subquery.offset();
            Duration step = subquery.stepExpr().isPresent() ? toDuration(subquery.stepExpr().get(), false) : subquery.step();
            Duration range = subquery.rangeExpr().isPresent() ? toDuration(subquery.rangeExpr().get(), false) : subquery.range();
            return new SubqueryExpr(resolve(subquery.expr()), range, Optional.empty(), step, Optional.empty(), offset, Optional.empty(),
                    subquery.at(), subquery.position());
        }
        if (expr instanceof AggregateExpr aggregate) {
            return new AggregateExpr(aggregate.op(), resolve(aggregate.expr()), aggregate.param().map(this::resolve), aggregate.grouping(),
                    aggregate.without(), aggregate.position());
        }
        if (expr instanceof BinaryExpr binary) {
            return new BinaryExpr(binary.op(), resolve(binary.lhs()), resolve(binary.rhs()), binary.matching(), binary.returnBool(),
                    binary.position());
        }
        if (expr instanceof Call call) {
            List<Expr> args = new ArrayList<>(call.args().size());
            for (Expr arg : call.args()) {
                args.add(resolve(arg));
            }
            return call.withArgs(args);
        }
        if (expr instanceof ParenExpr paren) {
            return new ParenExpr(resolve(paren.expr()), paren.position());
        }
        if (expr instanceof UnaryExpr unary) {
            return new UnaryExpr(unary.op(), resolve(unary.expr()), unary.position());
        }
        if (expr instanceof DurationExpr duration) {
            return new NumberLiteral(evaluate(duration), false, duration.position());
        }
        if (expr instanceof NumberLiteral || expr instanceof StringLiteral) {
            return expr;
        }
        throw new IllegalArgumentException("unknown expression: " + expr);
    }

    private VectorSelector resolveSelector(VectorSelector selector) {
        if (selector.offsetExpr().isEmpty()) {
            return selector;
        }
        return selector.withOffset(toDuration(selector.offsetExpr().get(), true), Optional.empty(), selector.position());
    }

    /** The value of a duration expression in seconds. */
    public double evaluate(Expr expr) {
        if (expr instanceof NumberLiteral literal) {
            return literal.value();
        }
        DurationExpr duration = (DurationExpr) expr;
        double lhs = duration.lhs().map(this::evaluate).orElse(0.0);
        double rhs = duration.rhs().map(this::evaluate).orElse(0.0);
        switch (duration.op()) {
            case STEP:
                return stepSeconds;
            case RANGE:
                return rangeSeconds;
            case MIN_OF:
                return Math.min(lhs, rhs);
            case MAX_OF:
                return Math.max(lhs, rhs);
            case ADD:
                return duration.lhs().isEmpty() ? rhs : lhs + rhs;
            case SUB:
                return duration.lhs().isEmpty() ? -rhs : lhs - rhs;
            case MUL:
                return lhs * rhs;
            case DIV:
                if (rhs == 0) {
                    throw error(duration, "division by zero");
                }
                return lhs / rhs;
            case MOD:
                if (rhs == 0) {
                    throw error(duration, "modulo by zero");
                }
                // Go's math.Mod: the result has the sign of the dividend, like Java's %
                return lhs % rhs;
            case POW:
                return Math.pow(lhs, rhs);
            default:
                throw new IllegalStateException("unexpected duration operator " + duration.op());
        }
    }

    private Duration toDuration(DurationExpr expr, boolean allowNegative) {
        double seconds = evaluate(expr);
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            throw error(expr, "duration is NaN or infinite");
        }
        if (seconds <= 0 && !allowNegative) {
            throw error(expr, "duration must be greater than 0");
        }
        if (seconds > MAX_SECONDS || seconds < -MAX_SECONDS) {
            throw error(expr, "duration is out of range");
        }
        // Prometheus truncates to whole milliseconds
        return Duration.ofMillis((long) (seconds * 1000));
    }

    private static StrataException error(Expr expr, String message) {
        // Prometheus prefixes these evaluation-time errors with the start:end offsets of the expression
        return new StrataException(PromQlErrorCode.PROMQL_SEMANTIC, expr.position().start() + ":" + expr.position().end() + ": " + message);
    }
}
