package dev.strata.engine.series;

import java.util.Locale;

/** Aggregations across the series of one instant vector, grouped by labels. */
public enum AggregationOp {
    SUM,
    AVG,
    COUNT,
    MIN,
    MAX,
    GROUP,
    STDDEV,
    STDVAR,
    TOPK,
    BOTTOMK,
    COUNT_VALUES,
    QUANTILE,
    LIMITK,
    LIMIT_RATIO;

    /** The PromQL spelling, e.g. {@code count_values}. */
    public String symbol() {
        return name().toLowerCase(Locale.ROOT);
    }
}
