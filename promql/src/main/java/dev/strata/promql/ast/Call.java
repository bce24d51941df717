package dev.strata.promql.ast;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A function call. */
public record Call(FunctionSignature function, List<Expr> args, PositionRange position) implements Expr {
    public Call {
        requireNonNull(function, "function is null");
        args = List.copyOf(requireNonNull(args, "args is null"));
        requireNonNull(position, "position is null");
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }

    public Call withArgs(List<Expr> newArgs) {
        return new Call(function, newArgs, position);
    }
}
