package dev.strata.engine.series.rel;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.tools.RelBuilder;

/** Where a front-end gets a {@link RelBuilder} for a series plan that no SQL query surrounds. */
public final class SeriesPlanning {
    private SeriesPlanning() {}

    /**
     * A builder over a fresh cluster of its own (one per plan: clusters are not thread-safe). Its
     * planner has no rules; a series plan needs none to run.
     */
    public static RelBuilder relBuilder() {
        JavaTypeFactoryImpl typeFactory = new JavaTypeFactoryImpl();
        RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()), new RexBuilder(typeFactory));
        return RelFactories.LOGICAL_BUILDER.create(cluster, null);
    }
}
