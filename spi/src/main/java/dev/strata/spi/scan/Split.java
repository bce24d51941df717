package dev.strata.spi.scan;

/**
 * One independently readable piece of a scan: a sealed part (or some of its row groups) or a
 * snapshot of the head. Immutable; safe to hand to another thread.
 */
public interface Split {
    /** For EXPLAIN and logs, e.g. {@code part 01J…(rowgroups 0-3)} or {@code head}. */
    String describe();

    /** Upper bound of rows the split may yield, for planning; -1 when unknown. */
    long estimatedRows();
}
