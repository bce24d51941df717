package dev.strata.promql.plan;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.catalog.EmbeddedQueryLanguage;
import dev.strata.engine.series.EvalGrid;
import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.StrataException;
import java.util.Locale;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * PromQL inside SQL: {@code SELECT * FROM TABLE(promql('sum by (job) (rate(x[5m]))', start, end, step))}.
 * The query must yield an instant vector or a scalar; its values on the grid become the rows.
 */
public final class PromQlLanguage implements EmbeddedQueryLanguage {
    public static final String NAME = "promql";

    private final PromQlParser parser;
    private final PromQlEngine.Settings settings;

    public PromQlLanguage(PromQlParser parser, PromQlEngine.Settings settings) {
        this.parser = requireNonNull(parser, "parser is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public RelNode toRel(String query, EvalGrid grid, RelBuilder relBuilder) {
        Expr expr;
        try {
            expr = parser.parse(query);
        } catch (StrataException e) {
            // the position is within the PromQL text, not the SQL statement: say so as Prometheus would
            ErrorCode code = e.errorCode();
            throw new StrataException(() -> code, NAME + "(): " + PromQlParser.prometheusMessage(e), e);
        }
        if (expr.type() != ValueType.VECTOR && expr.type() != ValueType.SCALAR) {
            throw new StrataException(PromQlErrorCode.PROMQL_SEMANTIC,
                    "promql() needs an instant vector or scalar expression, got " + expr.type().name().toLowerCase(Locale.ROOT));
        }
        PlannerContext context = new PlannerContext(grid.startMs(), grid.endMs(), settings.lookbackMs(), settings.defaultSubqueryStepMs());
        return new PromQlPlanner(context, relBuilder).plan(expr, grid);
    }

    @Override
    public long maxSamples() {
        return settings.maxSamples();
    }
}
