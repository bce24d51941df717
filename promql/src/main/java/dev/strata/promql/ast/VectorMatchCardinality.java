package dev.strata.promql.ast;

/** How series on the two sides of a binary operation pair up. */
public enum VectorMatchCardinality {
    ONE_TO_ONE,
    /** {@code group_left}. */
    MANY_TO_ONE,
    /** {@code group_right}. */
    ONE_TO_MANY,
    /** Set operators. */
    MANY_TO_MANY
}
