package dev.strata.engine.series;

/** How series on the two sides of a vector match pair up. */
public enum MatchCardinality {
    ONE_TO_ONE,
    /** PromQL's {@code group_left}. */
    MANY_TO_ONE,
    /** PromQL's {@code group_right}. */
    ONE_TO_MANY,
    /** Set operators. */
    MANY_TO_MANY
}
