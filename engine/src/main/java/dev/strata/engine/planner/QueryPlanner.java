package dev.strata.engine.planner;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.catalog.TelemetrySchema;
import dev.strata.engine.exec.ResultColumn;
import dev.strata.engine.plan.physical.ColumnarRel;
import dev.strata.engine.plan.physical.ColumnarToEnumerableConverter;
import dev.strata.spi.error.StrataException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns a logical plan ({@link RelRoot}, from any front-end) into a {@link PhysicalPlan}:
 * sub-query removal and decorrelation, field trimming (which pushes projections into scans), a
 * Hep normalization phase that also pushes filters into scans, then a Volcano phase that picks
 * columnar operators where they apply and Calcite's enumerable ones elsewhere. Thread-safe: every
 * planning gets its own planner.
 */
public final class QueryPlanner {
    private final List<RelOptRule> physicalRules = PlannerPhases.physicalRules();
    private final HepProgram subQueries = PlannerPhases.subQueries();
    private final HepProgram normalization = PlannerPhases.normalization();
    private final HepProgram enumerableCalcs = PlannerPhases.enumerableCalcs();

    /** A fresh context for planning one query against {@code schema}. */
    public PlanningContext newContext(TelemetrySchema schema) {
        VolcanoPlanner planner = new VolcanoPlanner();
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        for (RelOptRule rule : physicalRules) {
            planner.addRule(rule);
        }
        return new PlanningContext(schema, planner);
    }

    public PhysicalPlan optimize(RelRoot root, PlanningContext context) {
        RelNode physical = optimizeToPhysical(root, context);
        List<ResultColumn> columns = new ArrayList<>();
        for (RelDataTypeField field : physical.getRowType().getFieldList()) {
            columns.add(ResultColumn.of(field.getName(), field.getType()));
        }
        if (physical instanceof ColumnarToEnumerableConverter converter) {
            ColumnarRel columnar = (ColumnarRel) converter.getInput();
            return new PhysicalPlan(columns, explain(columnar), new PhysicalPlan.Columnar(columnar.implement()));
        }
        physical = hep(enumerableCalcs, physical);
        Map<String, Object> stash = new HashMap<>();
        Bindable<Object> bindable = compile(stash, (EnumerableRel) physical);
        return new PhysicalPlan(columns, explain(physical), new PhysicalPlan.Enumerable(bindable, stash));
    }

    @SuppressWarnings("unchecked")
    private static Bindable<Object> compile(Map<String, Object> stash, EnumerableRel physical) {
        return (Bindable<Object>) (Bindable<?>) EnumerableInterpretable.toBindable(stash, null, physical, EnumerableRel.Prefer.ARRAY);
    }

    /** The optimized physical tree (for tests and EXPLAIN). */
    public RelNode optimizeToPhysical(RelRoot root, PlanningContext context) {
        RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(context.cluster(), context.catalogReader());
        RelNode rel = root.project();
        rel = hep(subQueries, rel);
        rel = RelDecorrelator.decorrelateQuery(rel, relBuilder);
        rel = new RelFieldTrimmer(null, relBuilder).trim(rel);
        rel = hep(normalization, rel);
        VolcanoPlanner planner = context.planner();
        // The Sort nodes stay in the tree, so the order survives without asking for a root collation
        // (whose field indexes would refer to the un-projected row).
        RelTraitSet desired = rel.getTraitSet().replace(EnumerableConvention.INSTANCE).replace(RelCollations.EMPTY);
        try {
            planner.setRoot(planner.changeTraits(rel, desired));
            return planner.findBestExp();
        } catch (RelOptPlanner.CannotPlanException e) {
            throw new StrataException(EngineErrorCode.UNSUPPORTED_PLAN, "query cannot be planned: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            // Volcano wraps what a rule throws; a rule's categorised error (an embedded query's) is the user's answer
            if (e.getCause() instanceof StrataException strata) {
                throw strata;
            }
            throw e;
        } finally {
            planner.clear();
        }
    }


    private static RelNode hep(HepProgram program, RelNode rel) {
        HepPlanner planner = new HepPlanner(program);
        planner.setRoot(rel);
        return planner.findBestExp();
    }

    /** Deterministic EXPLAIN text of a physical tree. */
    public static String explain(RelNode physical) {
        return RelOptUtil.toString(physical, SqlExplainLevel.EXPPLAN_ATTRIBUTES).stripTrailing();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
