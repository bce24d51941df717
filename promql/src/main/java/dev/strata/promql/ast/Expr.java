package dev.strata.promql.ast;

/** A PromQL expression. */
public sealed interface Expr
        permits AggregateExpr, BinaryExpr, Call, DurationExpr, MatrixSelector, NumberLiteral, ParenExpr,
        StringLiteral, SubqueryExpr, UnaryExpr, VectorSelector {
    /** Where the expression is in the query text. */
    PositionRange position();

    /** The static type of the expression's value. */
    ValueType type();
}
