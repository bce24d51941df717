package dev.strata.promql.ast;

/** Operators of duration expressions ({@code [5m + step()]}, {@code offset (1h / 2)}). */
public enum DurationOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/"),
    MOD("%"),
    POW("^"),
    /** {@code step()}: the query step. */
    STEP("step"),
    /** {@code range()}: the query range. */
    RANGE("range"),
    MIN_OF("min_of"),
    MAX_OF("max_of");

    private final String symbol;

    DurationOp(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
