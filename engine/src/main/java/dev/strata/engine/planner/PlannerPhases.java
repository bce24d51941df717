package dev.strata.engine.planner;

import dev.strata.engine.plan.rules.ColumnarRules;
import dev.strata.engine.plan.rules.EmbeddedQueryRule;
import dev.strata.engine.plan.rules.PushFilterIntoScanRule;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.rules.CoreRules;

/**
 * The one place that lists the optimizer's rules and their order. No rule here reduces constant
 * expressions, because Calcite does that by generating and compiling code (Janino) per query.
 */
final class PlannerPhases {
    private PlannerPhases() {}

    /** Rewrites sub-queries into joins and correlates (decorrelated afterwards). */
    static HepProgram subQueries() {
        return new HepProgramBuilder()
                .addRuleCollection(List.of(
                        CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
                        CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
                        CoreRules.JOIN_SUB_QUERY_TO_CORRELATE))
                .build();
    }

    /** Normalization, then pushdown of filters into scans. */
    static HepProgram normalization() {
        return new HepProgramBuilder()
                .addRuleInstance(CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW)
                .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                .addRuleCollection(List.of(
                        CoreRules.FILTER_MERGE,
                        CoreRules.FILTER_PROJECT_TRANSPOSE,
                        CoreRules.FILTER_INTO_JOIN,
                        CoreRules.JOIN_CONDITION_PUSH,
                        CoreRules.FILTER_AGGREGATE_TRANSPOSE,
                        CoreRules.PROJECT_MERGE,
                        CoreRules.PROJECT_REMOVE,
                        CoreRules.AGGREGATE_PROJECT_MERGE))
                .addRuleCollection(List.of(
                        CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES,
                        CoreRules.PROJECT_MERGE,
                        CoreRules.PROJECT_REMOVE))
                .addRuleInstance(PushFilterIntoScanRule.INSTANCE)
                .build();
    }

    /** After Volcano: enumerable projects and filters become Calcs, the only ones that generate code. */
    static HepProgram enumerableCalcs() {
        return new HepProgramBuilder()
                .addRuleCollection(List.of(
                        EnumerableRules.ENUMERABLE_PROJECT_TO_CALC_RULE,
                        EnumerableRules.ENUMERABLE_FILTER_TO_CALC_RULE,
                        CoreRules.CALC_MERGE,
                        CoreRules.CALC_REMOVE))
                .build();
    }

    /** The Volcano phase: enumerable rules for everything, columnar rules where they apply. */
    static List<RelOptRule> physicalRules() {
        List<RelOptRule> rules = new ArrayList<>(EnumerableRules.ENUMERABLE_RULES);
        // table functions are embedded queries, which only the columnar series scan runs
        rules.remove(EnumerableRules.ENUMERABLE_TABLE_FUNCTION_SCAN_RULE);
        // The enumerable aggregate cannot implement AVG (and friends); offer the SUM/COUNT form as an
        // alternative, while the columnar aggregate computes AVG itself.
        rules.add(CoreRules.AGGREGATE_REDUCE_FUNCTIONS);
        rules.addAll(ColumnarRules.ALL);
        rules.add(EmbeddedQueryRule.INSTANCE);
        return List.copyOf(rules);
    }
}
