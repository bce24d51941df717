package dev.strata.engine.series.rel;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.VectorOp;
import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;

/**
 * Matches the series of two inputs on their labels and applies an operator at each step:
 * arithmetic, comparison (a filter unless {@code bool}) or a set operator ({@code and}, {@code or},
 * {@code unless}). Series pair up on the labels {@code labels} ({@code on}) or on all labels but
 * them ({@code ignoring}), one-to-one or, with {@code group_left}/{@code group_right}, many-to-one
 * copying the {@code include} labels from the one side. A scalar side applies to every series.
 */
public final class VectorMatch extends SeriesRel {
    private final VectorOp op;
    private final boolean returnBool;
    private final boolean lhsScalar;
    private final boolean rhsScalar;
    private final MatchCardinality cardinality;
    private final List<String> labels;
    private final boolean on;
    private final List<String> include;

    public VectorMatch(RelOptCluster cluster, RelTraitSet traitSet, RelNode lhs, RelNode rhs, VectorOp op, boolean returnBool, boolean lhsScalar,
            boolean rhsScalar, MatchCardinality cardinality, List<String> labels, boolean on, List<String> include) {
        super(cluster, traitSet, List.of(lhs, rhs));
        this.op = requireNonNull(op, "op is null");
        this.returnBool = returnBool;
        this.lhsScalar = lhsScalar;
        this.rhsScalar = rhsScalar;
        this.cardinality = requireNonNull(cardinality, "cardinality is null");
        this.labels = List.copyOf(requireNonNull(labels, "labels is null"));
        this.on = on;
        this.include = List.copyOf(requireNonNull(include, "include is null"));
    }

    public static VectorMatch create(RelNode lhs, RelNode rhs, VectorOp op, boolean returnBool, boolean lhsScalar, boolean rhsScalar,
            MatchCardinality cardinality, List<String> labels, boolean on, List<String> include) {
        RelOptCluster cluster = lhs.getCluster();
        return new VectorMatch(cluster, cluster.traitSetOf(Convention.NONE), lhs, rhs, op, returnBool, lhsScalar, rhsScalar, cardinality, labels,
                on, include);
    }

    public RelNode lhs() {
        return getInputs().get(0);
    }

    public RelNode rhs() {
        return getInputs().get(1);
    }

    public VectorOp op() {
        return op;
    }

    public boolean returnBool() {
        return returnBool;
    }

    public boolean lhsScalar() {
        return lhsScalar;
    }

    public boolean rhsScalar() {
        return rhsScalar;
    }

    public MatchCardinality cardinality() {
        return cardinality;
    }

    public List<String> labels() {
        return labels;
    }

    public boolean on() {
        return on;
    }

    public List<String> include() {
        return include;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new VectorMatch(getCluster(), traitSet, inputs.get(0), inputs.get(1), op, returnBool, lhsScalar, rhsScalar, cardinality, labels, on,
                include);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        boolean scalar = lhsScalar || rhsScalar;
        return super.explainTerms(pw).input("lhs", lhs()).input("rhs", rhs())
                .item("op", op.symbol())
                .itemIf("bool", true, returnBool)
                .itemIf("operands", (lhsScalar ? "scalar" : "vector") + "-" + (rhsScalar ? "scalar" : "vector"), scalar)
                .itemIf(on ? "on" : "ignoring", SeriesTerms.list(labels), !scalar && (on || !labels.isEmpty()))
                .itemIf("group", cardinality == MatchCardinality.MANY_TO_ONE ? "left" : "right",
                        cardinality == MatchCardinality.MANY_TO_ONE || cardinality == MatchCardinality.ONE_TO_MANY)
                .itemIf("include", SeriesTerms.list(include), !include.isEmpty());
    }
}
