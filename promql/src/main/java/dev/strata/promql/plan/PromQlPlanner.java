package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.rel.GridScalar;
import dev.strata.engine.series.rel.SeriesFunction;
import dev.strata.promql.ast.AggregateExpr;
import dev.strata.promql.ast.BinaryExpr;
import dev.strata.promql.ast.Call;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.NumberLiteral;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.UnaryExpr;
import dev.strata.promql.ast.UnaryOp;
import dev.strata.promql.ast.VectorSelector;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns a type-checked PromQL expression into the engine's series plan
 * ({@link dev.strata.engine.series.rel}) evaluated on a grid. Dispatches by AST kind to
 * {@link SelectorPlanner}, {@link CallPlanner}, {@link AggregationPlanner} and {@link BinaryPlanner}.
 */
public final class PromQlPlanner {
    private final PlannerContext context;
    private final RelBuilder relBuilder;
    private final SelectorPlanner selectors;
    private final CallPlanner calls;
    private final AggregationPlanner aggregations;
    private final BinaryPlanner binaries;

    public PromQlPlanner(PlannerContext context, RelBuilder relBuilder) {
        this.context = requireNonNull(context, "context is null");
        this.relBuilder = requireNonNull(relBuilder, "relBuilder is null");
        this.selectors = new SelectorPlanner(this, context, relBuilder);
        this.calls = new CallPlanner(this, selectors);
        this.aggregations = new AggregationPlanner(this);
        this.binaries = new BinaryPlanner(this);
    }

    public PlannerContext context() {
        return context;
    }

    /** Plans {@code expr}, an instant vector or scalar expression, on {@code grid}. */
    public RelNode plan(Expr expr, EvalGrid grid) {
        if (expr instanceof ParenExpr p) {
            return plan(p.expr(), grid);
        }
        if (expr instanceof NumberLiteral n) {
            return constant(grid, n.value());
        }
        if (expr instanceof VectorSelector v) {
            return selectors.instant(v, grid, false);
        }
        if (expr instanceof Call c) {
            return calls.plan(c, grid);
        }
        if (expr instanceof AggregateExpr a) {
            return aggregations.plan(a, grid);
        }
        if (expr instanceof BinaryExpr b) {
            return binaries.plan(b, grid);
        }
        if (expr instanceof UnaryExpr u) {
            RelNode inner = plan(u.expr(), grid);
            return u.op() == UnaryOp.MINUS ? SeriesFunction.create(List.of(inner), "-", List.of(), List.of()) : inner;
        }
        throw Unsupported.of("expression " + expr.getClass().getSimpleName() + " at the top level");
    }

    /** Plans a range-vector expression ({@code m[5m]}, a subquery) evaluated at one time, as a query result. */
    public RelNode planMatrix(Expr expr, long timeMs) {
        return selectors.matrix(expr, EvalGrid.instant(timeMs));
    }

    RelNode constant(EvalGrid grid, double value) {
        return relBuilder.push(GridScalar.constant(relBuilder.getCluster(), grid, value)).build();
    }

    RelNode time(EvalGrid grid) {
        return relBuilder.push(GridScalar.time(relBuilder.getCluster(), grid)).build();
    }

    /** Prometheus's annotation suffix for {@code expr}: {@code (line:column)} of its first character. */
    static String position(Expr expr) {
        return "(1:" + (expr.position().start() + 1) + ")";
    }

    static Expr unwrap(Expr expr) {
        Expr e = expr;
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }
}
