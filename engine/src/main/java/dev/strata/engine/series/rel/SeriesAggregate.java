package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.AggregationOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * Aggregates across the series of its input at each step, grouped by the labels {@code grouping}
 * ({@code by}) or by all other labels ({@code without}). A second input is the scalar parameter of
 * {@code topk}, {@code quantile}, ...; {@code count_values} names its output label instead.
 */
public final class SeriesAggregate extends SeriesRel {
    private final AggregationOp op;
    private final List<String> grouping;
    private final boolean without;
    private final Optional<String> countValuesLabel;
    private final String position;

    public SeriesAggregate(RelOptCluster cluster, RelTraitSet traitSet, List<RelNode> inputs, AggregationOp op, List<String> grouping,
            boolean without, Optional<String> countValuesLabel, String position) {
        super(cluster, traitSet, inputs);
        if (inputs.isEmpty() || inputs.size() > 2) {
            throw new IllegalArgumentException("an aggregation has one input and at most one parameter: " + inputs.size());
        }
        this.op = requireNonNull(op, "op is null");
        this.grouping = List.copyOf(requireNonNull(grouping, "grouping is null"));
        this.without = without;
        this.countValuesLabel = requireNonNull(countValuesLabel, "countValuesLabel is null");
        this.position = requireNonNull(position, "position is null");
    }

    /** {@code position} locates the parameter (or the aggregation) in the query text for annotations. */
    public static SeriesAggregate create(RelNode input, Optional<RelNode> parameter, AggregationOp op, List<String> grouping, boolean without,
            Optional<String> countValuesLabel, String position) {
        List<RelNode> inputs = new ArrayList<>();
        inputs.add(input);
        parameter.ifPresent(inputs::add);
        RelOptCluster cluster = input.getCluster();
        return new SeriesAggregate(cluster, cluster.traitSetOf(Convention.NONE), inputs, op, grouping, without, countValuesLabel, position);
    }

    public RelNode input() {
        return getInputs().get(0);
    }

    public Optional<RelNode> parameter() {
        return getInputs().size() > 1 ? Optional.of(getInputs().get(1)) : Optional.empty();
    }

    public AggregationOp op() {
        return op;
    }

    public List<String> grouping() {
        return grouping;
    }

    public boolean without() {
        return without;
    }

    public Optional<String> countValuesLabel() {
        return countValuesLabel;
    }

    public String position() {
        return position;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new SeriesAggregate(getCluster(), traitSet, inputs, op, grouping, without, countValuesLabel, position);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        RelWriter writer = super.explainTerms(pw).input("input", input());
        if (parameter().isPresent()) {
            writer.input("parameter", parameter().get());
        }
        return writer.item("op", op.symbol())
                .item(without ? "without" : "by", SeriesTerms.list(grouping))
                .itemIf("label", countValuesLabel.orElse(""), countValuesLabel.isPresent());
    }
}
