package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

/**
 * A number, or a duration literal such as {@code 1h30m} used as a number of seconds.
 *
 * @param duration true when written as a duration, so that printing keeps the unit form
 */
public record NumberLiteral(double value, boolean duration, PositionRange position) implements Expr {
    public NumberLiteral {
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
