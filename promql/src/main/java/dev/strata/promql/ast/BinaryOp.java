package dev.strata.promql.ast;

/** Binary operators, with the spelling Prometheus prints. */
public enum BinaryOp {
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
    UNLESS("unless"),
    /** Native-histogram bucket trimming {@code </}. */
    TRIM_UPPER("</"),
    /** Native-histogram bucket trimming {@code >/}. */
    TRIM_LOWER(">/");

    private final String symbol;

    BinaryOp(String symbol) {
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
