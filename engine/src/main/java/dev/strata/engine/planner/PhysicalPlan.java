package dev.strata.engine.planner;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.OperatorFactory;
import dev.strata.engine.exec.ResultColumn;
import java.util.List;
import java.util.Map;
import org.apache.calcite.runtime.Bindable;

/**
 * An optimized, executable plan. Immutable and reusable across executions (and threads): the
 * plan cache keeps it per query text. {@code explain} is the deterministic EXPLAIN text.
 */
public record PhysicalPlan(List<ResultColumn> columns, String explain, Executable executable) {
    public PhysicalPlan {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        requireNonNull(explain, "explain is null");
        requireNonNull(executable, "executable is null");
    }

    public boolean isColumnar() {
        return executable instanceof Columnar;
    }

    /** How the plan runs. */
    public sealed interface Executable permits Columnar, Enumerable {}

    /** Entirely columnar operators: no generated code. */
    public record Columnar(OperatorFactory root) implements Executable {
        public Columnar {
            requireNonNull(root, "root is null");
        }
    }

    /** Generated enumerable code (compiled once) with columnar subtrees under converters. */
    public record Enumerable(Bindable<Object> bindable, Map<String, Object> stash) implements Executable {
        public Enumerable {
            requireNonNull(bindable, "bindable is null");
            stash = Map.copyOf(requireNonNull(stash, "stash is null"));
        }
    }
}
