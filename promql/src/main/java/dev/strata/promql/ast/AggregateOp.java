package dev.strata.promql.ast;

/** Aggregation operators. */
public enum AggregateOp {
    SUM("sum", false, false),
    AVG("avg", false, false),
    COUNT("count", false, false),
    MIN("min", false, false),
    MAX("max", false, false),
    GROUP("group", false, false),
    STDDEV("stddev", false, false),
    STDVAR("stdvar", false, false),
    TOPK("topk", true, false),
    BOTTOMK("bottomk", true, false),
    COUNT_VALUES("count_values", true, false),
    QUANTILE("quantile", true, false),
    LIMITK("limitk", true, true),
    LIMIT_RATIO("limit_ratio", true, true);

    private final String symbol;
    private final boolean hasParameter;
    private final boolean experimental;

    AggregateOp(String symbol, boolean hasParameter, boolean experimental) {
        this.symbol = symbol;
        this.hasParameter = hasParameter;
        this.experimental = experimental;
    }

    public String symbol() {
        return symbol;
    }

    /** True for {@code topk(k, v)}-style aggregations whose first argument is a parameter. */
    public boolean hasParameter() {
        return hasParameter;
    }

    /** True when Prometheus only accepts the operator with experimental functions enabled. */
    public boolean experimental() {
        return experimental;
    }

    /** The type the parameter must have, or {@link ValueType#NONE} without a parameter. */
    public ValueType parameterType() {
        if (!hasParameter) {
            return ValueType.NONE;
        }
        return this == COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR;
    }
}
