package dev.strata.engine.exec;

/**
 * Creates the operator of one plan node for one execution. Immutable and reusable: a cached plan
 * keeps its factories and instantiates fresh operators for every run.
 */
@FunctionalInterface
public interface OperatorFactory {
    /** A new operator whose buffers come from {@code context}'s allocator. */
    Operator create(QueryContext context);
}
