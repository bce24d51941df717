package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * A function of instant vectors and scalars computed step by step, named as PromQL names it: an
 * element-wise function ({@code abs}, {@code clamp}, {@code day_of_week}, unary {@code -}, the step
 * time {@code timestamp}), a conversion ({@code scalar}, {@code vector}), {@code sort}/{@code sort_desc},
 * {@code absent}, {@code label_replace}/{@code label_join}, {@code histogram_quantile}/{@code histogram_fraction}.
 * Inputs are the function's vector and scalar arguments in call order; {@code literals} its string
 * arguments ({@code absent}: the label pairs of the result). {@code positions} locate the call and
 * each input in the query text, for annotations.
 */
public final class SeriesFunction extends SeriesRel {
    private final String function;
    private final List<String> literals;
    private final List<String> positions;

    public SeriesFunction(RelOptCluster cluster, RelTraitSet traitSet, List<RelNode> inputs, String function, List<String> literals,
            List<String> positions) {
        super(cluster, traitSet, inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a series function has at least one input");
        }
        this.function = requireNonNull(function, "function is null");
        this.literals = List.copyOf(requireNonNull(literals, "literals is null"));
        this.positions = List.copyOf(requireNonNull(positions, "positions is null"));
    }

    public static SeriesFunction create(List<RelNode> inputs, String function, List<String> literals, List<String> positions) {
        RelOptCluster cluster = inputs.get(0).getCluster();
        return new SeriesFunction(cluster, cluster.traitSetOf(Convention.NONE), inputs, function, literals, positions);
    }

    public String function() {
        return function;
    }

    public List<String> literals() {
        return literals;
    }

    /** The call's position first, then one per input ({@code ""} where unknown); may be empty. */
    public List<String> positions() {
        return positions;
    }

    /** {@code positions().get(index)} or {@code ""}. */
    public String position(int index) {
        return index < positions.size() ? positions.get(index) : "";
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SeriesFunction(getCluster(), traitSet, inputs, function, literals, positions);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter writer = super.explainTerms(pw);
        List<RelNode> inputs = getInputs();
        for (int i = 0; i < inputs.size(); i++) {
            writer.input("input#" + i, inputs.get(i));
        }
        return writer.item("fn", function).itemIf("args", SeriesTerms.list(literals), !literals.isEmpty());
    }
}
