package dev.strata.engine.exec.operator;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ValueKind;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One aggregate of a {@link HashAggregateOperator}.
 *
 * @param function what to compute
 * @param argument input column, or -1 for {@code COUNT(*)}
 * @param argumentKind kind of the input column (ignored for {@code COUNT(*)})
 * @param output the result field (its type decides the output vector)
 */
public record AggregateFunction(Function function, int argument, ValueKind argumentKind, Field output) {
    /** The aggregates computed natively. */
    public enum Function { COUNT, SUM, SUM0, MIN, MAX, AVG }

    public AggregateFunction {
        requireNonNull(function, "function is null");
        requireNonNull(output, "output is null");
        if (argument >= 0) {
            requireNonNull(argumentKind, "argumentKind is null");
        }
    }
}
