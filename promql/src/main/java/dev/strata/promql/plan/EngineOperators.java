package dev.strata.promql.plan;

import dev.strata.engine.series.AggregationOp;
import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.VectorOp;
import dev.strata.promql.ast.AggregateOp;
import dev.strata.promql.ast.BinaryOp;
import dev.strata.promql.ast.VectorMatchCardinality;

/** The engine's operator for each PromQL AST operator (the AST stays the language's own). */
final class EngineOperators {
    private EngineOperators() {}

    static VectorOp of(BinaryOp op) {
        return switch (op) {
            case ADD -> VectorOp.ADD;
            case SUB -> VectorOp.SUB;
            case MUL -> VectorOp.MUL;
            case DIV -> VectorOp.DIV;
            case MOD -> VectorOp.MOD;
            case POW -> VectorOp.POW;
            case ATAN2 -> VectorOp.ATAN2;
            case EQLC -> VectorOp.EQLC;
            case NEQ -> VectorOp.NEQ;
            case GTR -> VectorOp.GTR;
            case LSS -> VectorOp.LSS;
            case GTE -> VectorOp.GTE;
            case LTE -> VectorOp.LTE;
            case AND -> VectorOp.AND;
            case OR -> VectorOp.OR;
            case UNLESS -> VectorOp.UNLESS;
            case TRIM_UPPER, TRIM_LOWER -> throw Unsupported.of("operator " + op.symbol());
        };
    }

    static AggregationOp of(AggregateOp op) {
        return switch (op) {
            case SUM -> AggregationOp.SUM;
            case AVG -> AggregationOp.AVG;
            case COUNT -> AggregationOp.COUNT;
            case MIN -> AggregationOp.MIN;
            case MAX -> AggregationOp.MAX;
            case GROUP -> AggregationOp.GROUP;
            case STDDEV -> AggregationOp.STDDEV;
            case STDVAR -> AggregationOp.STDVAR;
            case TOPK -> AggregationOp.TOPK;
            case BOTTOMK -> AggregationOp.BOTTOMK;
            case COUNT_VALUES -> AggregationOp.COUNT_VALUES;
            case QUANTILE -> AggregationOp.QUANTILE;
            case LIMITK -> AggregationOp.LIMITK;
            case LIMIT_RATIO -> AggregationOp.LIMIT_RATIO;
        };
    }

    static MatchCardinality of(VectorMatchCardinality cardinality) {
        return switch (cardinality) {
            case ONE_TO_ONE -> MatchCardinality.ONE_TO_ONE;
            case MANY_TO_ONE -> MatchCardinality.MANY_TO_ONE;
            case ONE_TO_MANY -> MatchCardinality.ONE_TO_MANY;
            case MANY_TO_MANY -> MatchCardinality.MANY_TO_MANY;
        };
    }
}
