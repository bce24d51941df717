package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A logical time-series node: its inputs are other series nodes (or an empty {@code Values}) and
 * its rows are the relational view of a series result, {@link SeriesRowType}. Attributes are
 * immutable; only the inputs may be replaced, as Calcite's planners require.
 */
public abstract class SeriesRel extends AbstractRelNode {
    // not final: Calcite's replaceInput contract rewires inputs in place
    private List<RelNode> inputs;

    protected SeriesRel(RelOptCluster cluster, RelTraitSet traitSet, List<RelNode> inputs) {
        super(cluster, traitSet);
        this.inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
    }

    @Override
    public final List<RelNode> getInputs() {
        return inputs;
    }

    @Override
    public final void replaceInput(int ordinalInParent, RelNode rel) {
        List<RelNode> replaced = new ArrayList<>(inputs);
        replaced.set(ordinalInParent, requireNonNull(rel, "rel is null"));
        inputs = List.copyOf(replaced);
        recomputeDigest();
    }

    @Override
    protected final RelDataType deriveRowType() {
        return SeriesRowType.of(getCluster().getTypeFactory());
    }
}
