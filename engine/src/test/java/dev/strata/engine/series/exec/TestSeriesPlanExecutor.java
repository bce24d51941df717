package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.series.AggregationOp;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.MatchCardinality;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.SeriesResult;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.TimeShift;
import dev.strata.engine.series.VectorOp;
import dev.strata.engine.series.rel.GridScalar;
import dev.strata.engine.series.rel.RangeSelect;
import dev.strata.engine.series.rel.RangeWindow;
import dev.strata.engine.series.rel.SeriesAggregate;
import dev.strata.engine.series.rel.SeriesFunction;
import dev.strata.engine.series.rel.SeriesPlanning;
import dev.strata.engine.series.rel.SeriesScan;
import dev.strata.engine.series.rel.StepAlign;
import dev.strata.engine.series.rel.VectorMatch;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.RelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Series plans run by the engine over an in-memory store, against hand-computed values. */
final class TestSeriesPlanExecutor {
    private static final String TENANT = "t";
    private static final EvalGrid GRID = new EvalGrid(0, 120_000, 60_000);

    private final RelBuilder relBuilder = SeriesPlanning.relBuilder();
    private final RootAllocator allocator = new RootAllocator();
    // up{job="a",instance="1"} 1 2 3, up{job="a",instance="2"} 10 20 30, up{job="b",instance="3"} 100 200 300, every minute from 0
    private final InMemoryTableSource source = new InMemoryTableSource(2, 2)
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "a", "instance", "1"), 1, 2, 3))
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "a", "instance", "2"), 10, 20, 30))
            .addSamples(TENANT, series(Labels.of("__name__", "up", "job", "b", "instance", "3"), 100, 200, 300));

    @AfterEach
    void noBufferOutlivesARun() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    private static List<TelemetryRows.Sample> series(Labels labels, double... values) {
        List<TelemetryRows.Sample> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), new TreeMap<>(labels.withoutMetricName().toMap()),
                    i * 60_000L, values[i]));
        }
        return rows;
    }

    private RelNode scan(long minMs, long maxMs) {
        return SeriesScan.create(relBuilder.getCluster(), List.of(LabelMatcher.equal("__name__", "up")), minMs, maxMs);
    }

    private RelNode up() {
        return StepAlign.create(scan(-300_000, 120_000), GRID, 300_000, TimeShift.NONE, false);
    }

    private SeriesResult run(RelNode plan) {
        return new SeriesPlanExecutor(source, allocator, 1_000).execute(TENANT, plan);
    }

    @Test
    void sumByJobOfAlignedSamples() {
        SeriesResult result = run(SeriesAggregate.create(up(), Optional.empty(), AggregationOp.SUM, List.of("job"), false, Optional.empty(), ""));
        List<StepSeries> series = result.value().series();
        assertThat(series).extracting(StepSeries::labels).containsExactly(Labels.of("job", "a"), Labels.of("job", "b"));
        assertThat(series.get(0).values()).containsExactly(11, 22, 33);
        assertThat(series.get(1).values()).containsExactly(100, 200, 300);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void arithmeticWithAScalarDropsTheMetricName() {
        RelNode doubled = VectorMatch.create(up(), GridScalar.constant(relBuilder.getCluster(), GRID, 2), VectorOp.MUL, false, false, true,
                MatchCardinality.ONE_TO_ONE, List.of(), false, List.of());
        List<StepSeries> series = run(doubled).value().series();
        assertThat(series).hasSize(3);
        assertThat(series.get(0).labels()).isEqualTo(Labels.of("job", "a", "instance", "1"));
        assertThat(series.get(0).values()).containsExactly(2, 4, 6);
    }

    @Test
    void rangeFunctionOverAWindow() {
        // delta over (0, 120s]: samples at 60s and 120s, extrapolated over the 2-minute window: (3 - 2) * 120 / 60
        RelNode window = RangeWindow.create(scan(0, 120_000), Optional.empty(), "delta", EvalGrid.instant(120_000), 120_000, TimeShift.NONE, "");
        List<StepSeries> series = run(window).value().series();
        assertThat(series.get(0).labels()).isEqualTo(Labels.of("job", "a", "instance", "1"));
        assertThat(series.get(0).values()[0]).isEqualTo(2.0);
    }

    @Test
    void rangeSelectReturnsTheRawSamplesOfTheLeftOpenWindow() {
        List<RawSeries> series = new SeriesPlanExecutor(source, allocator, 1_000)
                .executeRaw(TENANT, RangeSelect.create(scan(0, 120_000), 120_000, 120_000, TimeShift.NONE));
        assertThat(series).hasSize(3);
        RawSeries first = series.get(0);
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.ts()[0]).isEqualTo(60_000);
        assertThat(first.values()[1]).isEqualTo(3);
    }

    @Test
    void annotationsOfTheRunComeBackWithTheResult() {
        RelNode sorted = SeriesFunction.create(List.of(up()), "sort", List.of(), List.of("(1:1)"));
        assertThat(run(sorted).warnings())
                .containsExactly("PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)");
    }

    @Test
    void theSampleLimitStopsTheScan() {
        SeriesPlanExecutor small = new SeriesPlanExecutor(source, allocator, 4);
        assertThatThrownBy(() -> small.execute(TENANT, up()))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.EVALUATION_ERROR.toErrorCode()))
                .hasMessageContaining("too many samples");
    }

    @Test
    void anUnknownFunctionIsAnUnsupportedPlan() {
        RelNode plan = SeriesFunction.create(List.of(up()), "no_such_function", List.of(), List.of());
        assertThatThrownBy(() -> run(plan))
                .isInstanceOfSatisfying(StrataException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.UNSUPPORTED_PLAN.toErrorCode()))
                .hasMessageContaining("no_such_function");
    }
}
