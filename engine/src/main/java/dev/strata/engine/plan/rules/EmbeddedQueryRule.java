package dev.strata.engine.plan.rules;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.catalog.EmbeddedQueryFunction;
import dev.strata.engine.plan.physical.ColumnarRel;
import dev.strata.engine.plan.physical.ColumnarSeriesScan;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.rel.SeriesPlanning;
import dev.strata.spi.error.StrataException;
import java.math.BigDecimal;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalTableFunctionScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;

/**
 * Plans the scan of an embedded query's table function ({@link EmbeddedQueryFunction}): the
 * language translates the text into a series plan on the grid the literal arguments give, and the
 * scan becomes a {@link ColumnarSeriesScan}. Times are {@code TIMESTAMP}s (or Unix seconds), the
 * step an {@code INTERVAL} (or seconds).
 */
public final class EmbeddedQueryRule extends ConverterRule {
    public static final RelOptRule INSTANCE = Config.INSTANCE
            .withConversion(LogicalTableFunctionScan.class, EmbeddedQueryRule::isEmbeddedQuery, Convention.NONE, ColumnarRel.CONVENTION,
                    "EmbeddedQueryRule")
            .withRuleFactory(EmbeddedQueryRule::new)
            .toRule(EmbeddedQueryRule.class);

    private EmbeddedQueryRule(Config config) {
        super(config);
    }

    private static boolean isEmbeddedQuery(LogicalTableFunctionScan scan) {
        return function(scan) != null;
    }

    private static EmbeddedQueryFunction function(LogicalTableFunctionScan scan) {
        if (scan.getCall() instanceof RexCall call && call.getOperator() instanceof SqlUserDefinedTableFunction udf
                && udf.getFunction() instanceof EmbeddedQueryFunction function) {
            return function;
        }
        return null;
    }

    @Override
    public RelNode convert(RelNode rel) {
        LogicalTableFunctionScan scan = (LogicalTableFunctionScan) rel;
        EmbeddedQueryFunction function = function(scan);
        RexCall call = (RexCall) scan.getCall();
        String name = function.language().name();
        String query = literal(call.getOperands().get(0), name, "query").getValueAs(String.class);
        long startMs = millis(call.getOperands().get(1), name, "start", true);
        long endMs = millis(call.getOperands().get(2), name, "end", true);
        long stepMs = millis(call.getOperands().get(3), name, "step", false);
        if (endMs < startMs || stepMs <= 0) {
            throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, name + "(): end must not be before start and step must be positive");
        }
        EvalGrid grid = new EvalGrid(startMs, endMs, stepMs);
        RelNode plan = function.language().toRel(query, grid, SeriesPlanning.relBuilder());
        return new ColumnarSeriesScan(scan.getCluster(), scan.getTraitSet().replace(ColumnarRel.CONVENTION), scan.getRowType(), name, query, plan,
                function.source(), function.tenant(), function.language().maxSamples());
    }

    /** Milliseconds of a TIMESTAMP or day-time INTERVAL literal, or of a number of seconds. */
    private static long millis(RexNode node, String function, String parameter, boolean time) {
        RexLiteral literal = literal(node, function, parameter);
        SqlTypeFamily family = literal.getType().getSqlTypeName().getFamily();
        if (family == SqlTypeFamily.NUMERIC) {
            return literal.getValueAs(BigDecimal.class).movePointRight(3).longValueExact();
        }
        if ((time && family == SqlTypeFamily.TIMESTAMP) || (!time && family == SqlTypeFamily.INTERVAL_DAY_TIME)) {
            return literal.getValueAs(Long.class);
        }
        throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, function + "(): " + parameter + " must be a "
                + (time ? "TIMESTAMP" : "day-time INTERVAL") + " or a number of seconds, not " + literal.getType());
    }

    private static RexLiteral literal(RexNode node, String function, String parameter) {
        RexNode unwrapped = node;
        while (unwrapped instanceof RexCall cast && cast.getKind() == SqlKind.CAST) {
            unwrapped = cast.getOperands().get(0);
        }
        if (unwrapped instanceof RexLiteral literal && !literal.isNull()) {
            return literal;
        }
        throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, function + "(): " + parameter + " must be a constant");
    }
}
