package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.series.TimeShift;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.spi.model.Labels;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Range functions over the step windows of a grid, values checked by hand. */
final class TestRangeWindow {
    private static final Labels A = Labels.of("__name__", "requests_total", "job", "a");
    private static final Labels B = Labels.of("__name__", "requests_total", "job", "b");

    private final RootAllocator allocator = new RootAllocator();

    @AfterEach
    void tearDown() {
        allocator.close();
    }

    /** Samples every 10 s from 100 s to 150 s, values 1..6. */
    private static RawSeries sixSamples(Labels labels) {
        return new RawSeries(labels, new long[] {100_000, 110_000, 120_000, 130_000, 140_000, 150_000}, new double[] {1, 2, 3, 4, 5, 6}, 6);
    }

    private StepVector evaluate(SeriesNode input, EvalGrid grid, long rangeMs, TimeShift shift, RangeFunction function) {
        EvalContext context = new EvalContext(new InMemoryTableSource(4, 4), "t", allocator, 1_000, new Annotations());
        return new RangeWindow(input, grid, rangeMs, shift, function, Optional.empty()).evaluate(context);
    }

    @Test
    void stepsBeforeTheFirstSampleAndAfterTheLastWindowHaveNoValue() {
        // a grid of 0..300 s every 20 s over samples at 100..150 s, 30 s windows (t-30, t]
        StepVector v = evaluate(input(sixSamples(A)), new EvalGrid(0, 300_000, 20_000), 30_000, TimeShift.NONE, RangeFunction.COUNT_OVER_TIME);
        StepSeries s = v.series().get(0);
        // by hand: t=100 {100}, 120 {100,110,120}, 140 {120,130,140}, 160 {140,150}; 80 and 180 (150 is not > 150).. are empty
        assertThat(presentSteps(s)).containsExactly(5, 6, 7, 8);
        assertThat(Arrays.copyOfRange(s.values(), 5, 9)).containsExactly(1, 3, 3, 2);
    }

    @Test
    void rateOfASteadyCounterIsItsSlope() {
        // 1 per 10 s = 0.1/s; window (115, 145] holds 120..140, extrapolated by 5 s each side
        StepVector v = evaluate(input(sixSamples(A)), EvalGrid.instant(145_000), 30_000, TimeShift.NONE, RangeFunction.RATE);
        assertThat(v.series().get(0).values()[0]).isCloseTo(0.1, within(1e-12));
        assertThat(v.series().get(0).dropName()).isTrue();
        StepVector delta = evaluate(input(sixSamples(A)), EvalGrid.instant(145_000), 30_000, TimeShift.NONE, RangeFunction.DELTA);
        assertThat(delta.series().get(0).values()[0]).isCloseTo(3.0, within(1e-12));
    }

    @Test
    void aCounterResetIsAddedBack() {
        RawSeries reset = new RawSeries(A, new long[] {100_000, 110_000, 120_000}, new double[] {5, 7, 2}, 3);
        // by hand: increase 7-5 + 2 (reset from 7 to 2) = 4 over 20 s sampled; window (95, 125] extends 5 s each side
        StepVector v = evaluate(input(reset), EvalGrid.instant(125_000), 30_000, TimeShift.NONE, RangeFunction.INCREASE);
        assertThat(v.series().get(0).values()[0]).isCloseTo(4.0 * 30 / 20, within(1e-12));
    }

    @Test
    void anOffsetAndAnAtModifierMoveTheWindows() {
        // offset 40 s: the step at 180 s reads (110, 140]
        StepVector offset = evaluate(input(sixSamples(A)), EvalGrid.instant(180_000), 30_000, new TimeShift(40_000, OptionalLong.empty()),
                RangeFunction.SUM_OVER_TIME);
        assertThat(offset.series().get(0).values()[0]).isEqualTo(3 + 4 + 5);
        // @ 130 s pins every step of the grid to (100, 130]
        StepVector pinned = evaluate(input(sixSamples(A)), new EvalGrid(0, 60_000, 30_000), 30_000, new TimeShift(0, OptionalLong.of(130_000)),
                RangeFunction.SUM_OVER_TIME);
        assertThat(pinned.series().get(0).values()).containsExactly(2 + 3 + 4, 2 + 3 + 4, 2 + 3 + 4);
    }

    @Test
    void borrowedSeriesAreNotKeptPastTheirCall() {
        // a node handing both series in one pair of arrays, overwritten for the second
        long[] ts = new long[6];
        double[] values = new double[6];
        SeriesNode shared = new SeriesNode() {
            @Override
            public List<RawSeries> series(EvalContext context) {
                throw new AssertionError("the window reads series one at a time");
            }

            @Override
            public void forEach(EvalContext context, Consumer<RawSeries> sink) {
                for (int s = 0; s < 2; s++) {
                    for (int i = 0; i < 6; i++) {
                        ts[i] = 100_000 + 10_000L * i;
                        values[i] = (s + 1) * 10.0 * (i + 1);
                    }
                    sink.accept(new RawSeries(s == 0 ? A : B, ts, values, 6));
                }
            }
        };
        StepVector v = evaluate(shared, new EvalGrid(150_000, 160_000, 10_000), 60_000, TimeShift.NONE, RangeFunction.LAST_OVER_TIME);
        assertThat(v.series()).extracting(StepSeries::labels).containsExactly(A, B);
        assertThat(v.series().get(0).values()).containsExactly(60, 60);
        assertThat(v.series().get(1).values()).containsExactly(120, 120);
    }

    private static SeriesNode input(RawSeries... series) {
        return context -> List.of(series);
    }

    private static List<Integer> presentSteps(StepSeries s) {
        List<Integer> steps = new java.util.ArrayList<>();
        for (int i = 0; i < s.present().length; i++) {
            if (s.present()[i]) {
                steps.add(i);
            }
        }
        return steps;
    }
}
