package dev.strata.engine.exec.operator;

import dev.strata.engine.exec.ValueKind;

/**
 * One ORDER BY key of a {@link SortOperator}.
 *
 * @param column input column
 * @param kind its value kind
 * @param isDescending descending order
 * @param isNullsFirst nulls before all values
 */
public record SortKey(int column, ValueKind kind, boolean isDescending, boolean isNullsFirst) {}
