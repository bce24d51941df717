package dev.strata.engine.plan.rules;

import dev.strata.engine.exec.ValueKind;
import dev.strata.engine.exec.expr.ExpressionCompiler;
import dev.strata.engine.plan.physical.ColumnarAggregate;
import dev.strata.engine.plan.physical.ColumnarFilter;
import dev.strata.engine.plan.physical.ColumnarHashJoin;
import dev.strata.engine.plan.physical.ColumnarProject;
import dev.strata.engine.plan.physical.ColumnarRel;
import dev.strata.engine.plan.physical.ColumnarSort;
import dev.strata.engine.plan.physical.ColumnarToEnumerableConverter;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.type.RelDataTypeField;

/**
 * The rules that convert logical nodes into the {@code COLUMNAR} convention, and the exit into
 * the enumerable one. A rule declines (returns null) when its node uses an expression, type or
 * aggregate the columnar operators lack; the planner then keeps Calcite's enumerable node.
 */
public final class ColumnarRules {
    public static final RelOptRule FILTER = ConverterRule.Config.INSTANCE
            .withConversion(LogicalFilter.class, Convention.NONE, ColumnarRel.CONVENTION, "ColumnarFilterRule")
            .withRuleFactory(FilterRule::new)
            .toRule(ConverterRule.class);

    public static final RelOptRule PROJECT = ConverterRule.Config.INSTANCE
            .withConversion(LogicalProject.class, Convention.NONE, ColumnarRel.CONVENTION, "ColumnarProjectRule")
            .withRuleFactory(ProjectRule::new)
            .toRule(ConverterRule.class);

    public static final RelOptRule AGGREGATE = ConverterRule.Config.INSTANCE
            .withConversion(LogicalAggregate.class, Convention.NONE, ColumnarRel.CONVENTION, "ColumnarAggregateRule")
            .withRuleFactory(AggregateRule::new)
            .toRule(ConverterRule.class);

    public static final RelOptRule SORT = ConverterRule.Config.INSTANCE
            .withConversion(LogicalSort.class, Convention.NONE, ColumnarRel.CONVENTION, "ColumnarSortRule")
            .withRuleFactory(SortRule::new)
            .toRule(ConverterRule.class);

    public static final RelOptRule JOIN = ConverterRule.Config.INSTANCE
            .withConversion(LogicalJoin.class, Convention.NONE, ColumnarRel.CONVENTION, "ColumnarHashJoinRule")
            .withRuleFactory(JoinRule::new)
            .toRule(ConverterRule.class);

    public static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
            .withConversion(RelNode.class, ColumnarRel.CONVENTION, EnumerableConvention.INSTANCE, "ColumnarToEnumerableConverterRule")
            .withRuleFactory(ToEnumerableRule::new)
            .toRule(ConverterRule.class);

    /** Every conversion rule, for the Volcano phase. */
    public static final List<RelOptRule> ALL = List.of(FILTER, PROJECT, AGGREGATE, SORT, JOIN, TO_ENUMERABLE);

    private ColumnarRules() {}

    private static RelNode columnarInput(RelNode input) {
        return convert(input, input.getTraitSet().replace(ColumnarRel.CONVENTION));
    }

    private static RelNode convert(RelNode rel, RelTraitSet traits) {
        return RelOptRule.convert(rel, traits);
    }

    private static final class FilterRule extends ConverterRule {
        FilterRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalFilter filter = (LogicalFilter) rel;
            if (!ExpressionCompiler.supports(List.of(filter.getCondition()), filter.getInput().getRowType(), filter.getCluster().getRexBuilder())) {
                return null;
            }
            return new ColumnarFilter(filter.getCluster(), filter.getTraitSet().replace(ColumnarRel.CONVENTION),
                    columnarInput(filter.getInput()), filter.getCondition());
        }
    }

    private static final class ProjectRule extends ConverterRule {
        ProjectRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalProject project = (LogicalProject) rel;
            if (project.containsOver()
                    || !ExpressionCompiler.supports(project.getProjects(), project.getInput().getRowType(), project.getCluster().getRexBuilder())) {
                return null;
            }
            for (RelDataTypeField field : project.getRowType().getFieldList()) {
                if (ValueKind.of(field.getType()) == null) {
                    return null;
                }
            }
            return new ColumnarProject(project.getCluster(), project.getTraitSet().replace(ColumnarRel.CONVENTION),
                    columnarInput(project.getInput()), project.getProjects(), project.getRowType());
        }
    }

    private static final class AggregateRule extends ConverterRule {
        AggregateRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalAggregate aggregate = (LogicalAggregate) rel;
            if (!ColumnarAggregate.supports(aggregate)) {
                return null;
            }
            return new ColumnarAggregate(aggregate.getCluster(),
                    aggregate.getTraitSet().replace(ColumnarRel.CONVENTION).replace(RelCollations.EMPTY),
                    columnarInput(aggregate.getInput()), aggregate.getGroupSet(), aggregate.getGroupSets(), aggregate.getAggCallList());
        }
    }

    private static final class SortRule extends ConverterRule {
        SortRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalSort sort = (LogicalSort) rel;
            if (!ColumnarSort.supports(sort)) {
                return null;
            }
            RelNode input = sort.getInput();
            return new ColumnarSort(sort.getCluster(), sort.getTraitSet().replace(ColumnarRel.CONVENTION).replace(sort.getCollation()),
                    convert(input, input.getTraitSet().replace(ColumnarRel.CONVENTION).replace(RelCollations.EMPTY)),
                    sort.getCollation(), sort.offset, sort.fetch);
        }
    }

    private static final class JoinRule extends ConverterRule {
        JoinRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            LogicalJoin join = (LogicalJoin) rel;
            if (!ColumnarHashJoin.supports(join)) {
                return null;
            }
            return new ColumnarHashJoin(join.getCluster(), join.getTraitSet().replace(ColumnarRel.CONVENTION).replace(RelCollations.EMPTY),
                    columnarInput(join.getLeft()), columnarInput(join.getRight()), join.getCondition(), join.getJoinType());
        }
    }

    private static final class ToEnumerableRule extends ConverterRule {
        ToEnumerableRule(Config config) {
            super(config);
        }

        @Override
        public RelNode convert(RelNode rel) {
            return new ColumnarToEnumerableConverter(rel.getCluster(), rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
        }
    }
}
