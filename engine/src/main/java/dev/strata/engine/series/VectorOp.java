package dev.strata.engine.series;

/**
 * Element-wise operators between two instant vectors or scalars, with the spelling PromQL prints:
 * arithmetic, comparisons (filters unless {@code bool}) and the set operators.
 */
public enum VectorOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),
    ATAN2("atan2"),
    EQLC("=="),
    NEQ("!="),
    GTR(">"),
    LSS("<"),
    GTE(">="),
    LTE("<="),
    AND("and"),
    OR("or"),
    UNLESS("unless");

    private final String symbol;

    VectorOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean isComparison() {
        return this == EQLC || this == NEQ || this == GTR || this == LSS || this == GTE || this == LTE;
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }
}
