package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A function signature. {@code variadic} is 0 for a fixed argument list, {@code n > 0} when the last
 * argument type may repeat so that up to {@code n} more arguments follow the fixed ones (optional
 * arguments are the case {@code n = 1}), and -1 for an unbounded repetition.
 */
public record FunctionSignature(String name, List<ValueType> argTypes, int variadic, ValueType returnType, boolean experimental) {
    public FunctionSignature {
        requireNonNull(name, "name is null");
        argTypes = List.copyOf(requireNonNull(argTypes, "argTypes is null"));
        requireNonNull(returnType, "returnType is null");
        if (variadic < -1) {
            throw new IllegalArgumentException("variadic must be -1, 0 or positive: " + variadic);
        }
        if (variadic != 0 && argTypes.isEmpty()) {
            throw new IllegalArgumentException("a variadic function needs an argument type to repeat");
        }
    }
}
