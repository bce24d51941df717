package dev.strata.engine.series.rel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.planner.QueryPlanner;
import dev.strata.engine.series.AggregationOp;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.TimeShift;
import dev.strata.engine.series.VectorOp;
import dev.strata.spi.model.LabelMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.Test;

/** The series nodes as Calcite sees them: row type, EXPLAIN text, copies. */
final class TestSeriesRels {
    private static final EvalGrid GRID = new EvalGrid(0, 120_000, 60_000);

    private final RelBuilder relBuilder = SeriesPlanning.relBuilder();

    private RelNode selector(String metric) {
        relBuilder.push(SeriesScan.create(relBuilder.getCluster(), List.of(LabelMatcher.equal("__name__", metric)), -300_000, 120_000));
        return StepAlign.create(relBuilder.build(), GRID, 300_000, TimeShift.NONE, false);
    }

    @Test
    void everyNodeHasTheSamplesRowType() {
        RelNode plan = SeriesAggregate.create(selector("up"), Optional.empty(), AggregationOp.SUM, List.of("job"), false, Optional.empty(), "");
        RelDataType row = plan.getRowType();
        assertThat(row.getFieldNames()).containsExactly("ts", "labels", "value");
        assertThat(row.getFieldList().get(0).getType().getSqlTypeName()).isEqualTo(SqlTypeName.TIMESTAMP);
        assertThat(row.getFieldList().get(0).getType().getPrecision()).isEqualTo(3);
        assertThat(row.getFieldList().get(1).getType().getSqlTypeName()).isEqualTo(SqlTypeName.MAP);
        assertThat(row.getFieldList().get(1).getType().getKeyType().getSqlTypeName()).isEqualTo(SqlTypeName.VARCHAR);
        assertThat(row.getFieldList().get(1).getType().getValueType().getSqlTypeName()).isEqualTo(SqlTypeName.VARCHAR);
        assertThat(row.getFieldList().get(2).getType().getSqlTypeName()).isEqualTo(SqlTypeName.DOUBLE);
        assertThat(GridScalar.time(relBuilder.getCluster(), GRID).getRowType()).isEqualTo(row);
    }

    @Test
    void explainPrintsEveryAttributeAndTheInputsIndented() {
        relBuilder.push(SeriesScan.create(relBuilder.getCluster(), List.of(LabelMatcher.equal("__name__", "req"), LabelMatcher.equal("job", "api")),
                -360_000, 60_000));
        RelNode window = RangeWindow.create(relBuilder.build(), Optional.empty(), "rate", GRID, 300_000,
                new TimeShift(60_000, OptionalLong.of(120_000)), "");
        RelNode ratio = VectorMatch.create(window, selector("limit"), VectorOp.DIV, false, false, false, MatchCardinality.MANY_TO_ONE,
                List.of("job"), true, List.of("team"));
        RelNode plan = SeriesFunction.create(List.of(ratio, GridScalar.constant(relBuilder.getCluster(), GRID, 0.5)), "clamp_max", List.of(),
                List.of());
        assertThat(QueryPlanner.explain(plan)).isEqualTo("""
                SeriesFunction(fn=[clamp_max])
                  VectorMatch(op=[/], on=[job], group=[left], include=[team])
                    RangeWindow(fn=[rate], grid=[0..120000/60000], range=[300000], offset=[60000], at=[120000])
                      SeriesScan(table=[samples], matchers=[__name__="req", job="api"], ts=[-360000..60000])
                    StepAlign(grid=[0..120000/60000], lookback=[300000])
                      SeriesScan(table=[samples], matchers=[__name__="limit"], ts=[-300000..120000])
                  GridScalar(grid=[0..120000/60000], value=[0.5])""");
    }

    @Test
    void copyKeepsTheAttributesAndTakesTheNewInputs() {
        SeriesAggregate aggregate = SeriesAggregate.create(selector("a"), Optional.of(GridScalar.constant(relBuilder.getCluster(), GRID, 2)),
                AggregationOp.TOPK, List.of("job"), true, Optional.empty(), "(1:6)");
        RelNode other = selector("b");
        SeriesAggregate copy = (SeriesAggregate) aggregate.copy(aggregate.getTraitSet(), List.of(other, aggregate.parameter().orElseThrow()));
        assertThat(copy).isNotSameAs(aggregate);
        assertThat(copy.input()).isSameAs(other);
        assertThat(copy.op()).isEqualTo(AggregationOp.TOPK);
        assertThat(copy.grouping()).containsExactly("job");
        assertThat(copy.without()).isTrue();
        assertThat(copy.position()).isEqualTo("(1:6)");
        assertThat(QueryPlanner.explain(copy)).isEqualTo(QueryPlanner.explain(aggregate).replace("\"a\"", "\"b\""));
    }

    @Test
    void everyNodeCopiesToAnEqualPlan() {
        RelNode scan = SeriesScan.create(relBuilder.getCluster(), List.of(LabelMatcher.equal("__name__", "x")), -120_000, 120_000);
        RelNode inner = RangeWindow.create(scan, Optional.of(GridScalar.constant(relBuilder.getCluster(), GRID, 0.9)), "quantile_over_time",
                GRID, 120_000, TimeShift.NONE, "(1:20)");
        RelNode subquery = RangeSelect.create(SeriesSubquery.create(inner), 120_000, 300_000, new TimeShift(0, OptionalLong.of(60_000)));
        RelNode counted = SeriesAggregate.create(selector("y"), Optional.empty(), AggregationOp.COUNT_VALUES, List.of(), true, Optional.of("v"), "");
        RelNode plan = VectorMatch.create(
                SeriesFunction.create(List.of(counted), "label_replace", List.of("a", "$1", "b", "(.*)"), List.of()),
                GridScalar.time(relBuilder.getCluster(), GRID), VectorOp.GTR, true, false, true, MatchCardinality.ONE_TO_ONE, List.of(), false,
                List.of());
        for (RelNode root : List.of(subquery, plan)) {
            RelNode copy = deepCopy(root);
            assertThat(copy).isNotSameAs(root);
            assertThat(QueryPlanner.explain(copy)).isEqualTo(QueryPlanner.explain(root));
        }
        assertThat(QueryPlanner.explain(subquery)).isEqualTo("""
                RangeSelect(time=[120000], range=[300000], at=[60000])
                  SeriesSubquery
                    RangeWindow(fn=[quantile_over_time], grid=[0..120000/60000], range=[120000])
                      SeriesScan(table=[samples], matchers=[__name__="x"], ts=[-120000..120000])
                      GridScalar(grid=[0..120000/60000], value=[0.9])""");
    }

    private static RelNode deepCopy(RelNode rel) {
        List<RelNode> inputs = new ArrayList<>();
        for (RelNode input : rel.getInputs()) {
            inputs.add(deepCopy(input));
        }
        return rel.copy(rel.getTraitSet(), inputs);
    }

    @Test
    void replaceInputRewiresOneInput() {
        VectorMatch match = VectorMatch.create(selector("a"), selector("b"), VectorOp.AND, false, false, false, MatchCardinality.MANY_TO_MANY,
                List.of(), false, List.of());
        RelNode c = selector("c");
        match.replaceInput(1, c);
        assertThat(match.rhs()).isSameAs(c);
        assertThat(match.getInputs()).hasSize(2);
        assertThat(QueryPlanner.explain(match)).contains("\"c\"").doesNotContain("\"b\"");
    }

    @Test
    void emptyValuesIsASeriesInputWithoutRows() {
        RelNode empty = relBuilder.values(SeriesRowType.of(relBuilder.getTypeFactory())).build();
        RelNode window = RangeWindow.create(empty, Optional.empty(), "max_over_time", EvalGrid.instant(90_000), 20_000, TimeShift.NONE, "");
        assertThat(window.getRowType()).isEqualTo(empty.getRowType());
        assertThat(QueryPlanner.explain(window)).isEqualTo("""
                RangeWindow(fn=[max_over_time], grid=[90000], range=[20000])
                  LogicalValues(tuples=[[]])""");
    }
}
