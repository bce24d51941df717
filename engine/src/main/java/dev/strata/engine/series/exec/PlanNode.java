package dev.strata.engine.series.exec;

import java.util.List;

/** A node of a PromQL plan. {@link #explain()} prints the tree, one node per line, children indented. */
public interface PlanNode {
    /** One line: the node name and its attributes, e.g. {@code InstantAlign: lookback=300000, ...}. */
    String describe();

    List<PlanNode> inputs();

    default String explain() {
        StringBuilder out = new StringBuilder();
        explain(this, 0, out);
        return out.toString();
    }

    private static void explain(PlanNode node, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append(node.describe()).append('\n');
        for (PlanNode input : node.inputs()) {
            explain(input, depth + 1, out);
        }
    }
}
