package dev.strata.promql.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.promql.parse.ParserOptions;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.table.TelemetryTables;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/** Hand-checked evaluations: pushdown into the scan, lookback and staleness, rate extrapolation. */
final class TestPromQlEngine {
    private static final double STALE = Double.longBitsToDouble(0x7ff0000000000002L);
    private static final PromQlParser PARSER = new PromQlParser(ParserOptions.DEFAULT);

    private static InMemoryTableSource source(Labels labels, long stepMs, double... values) {
        TreeMap<String, String> others = new TreeMap<>(labels.withoutMetricName().toMap());
        List<TelemetryRows.Sample> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), others, i * stepMs, values[i]));
        }
        return new InMemoryTableSource(3, 2).addSamples("t", rows);
    }

    private static StepVector eval(InMemoryTableSource source, String query, EvalGrid grid) {
        try (RootAllocator allocator = new RootAllocator()) {
            StepVector result = new PromQlEngine(source, allocator, PromQlEngine.Settings.DEFAULT).evaluate("t", PARSER.parse(query), grid);
            assertThat(allocator.getAllocatedMemory()).isZero();
            return result;
        }
    }

    @Test
    void pushesMatchersAndTheWidenedTimeRangeIntoTheScan() {
        InMemoryTableSource source = source(Labels.of("__name__", "up", "job", "a"), 60_000, 1, 2, 3);
        eval(source, "up{job=\"a\"} offset 1m", new EvalGrid(600_000, 900_000, 60_000));
        // the series table is asked first (label sets); the samples scan follows
        ScanRequest request = source.requests().stream().filter(r -> r.table().equals(TelemetryTables.SAMPLES)).findFirst().orElseThrow();
        assertThat(request.matchers()).contains(LabelMatcher.equal("job", "a"), LabelMatcher.equal("__name__", "up"));
        // [start - offset - lookback, end - offset] in ns
        assertThat(request.timeRange().startNanos()).isEqualTo((600_000L - 60_000 - 300_000) * 1_000_000);
        assertThat(request.timeRange().endNanos()).isEqualTo((900_000L - 60_000) * 1_000_000);
    }

    @Test
    void lookbackIsLeftOpenAndStalenessMarkersEndTheSeries() {
        InMemoryTableSource source = source(Labels.of("__name__", "m"), 60_000, 1, 2, STALE);
        // steps: 60s -> 2, 119s -> 2, 120s -> stale (nothing); series m only at 60s..119s
        StepVector v = eval(source, "m", new EvalGrid(0, 120_000, 1_000));
        StepSeries s = v.series().get(0);
        assertThat(s.values()[60]).isEqualTo(2);
        assertThat(s.present()[119]).isTrue();
        assertThat(s.present()[120]).isFalse();
        // without the marker, the sample at 60s is visible up to 60s + 5m exclusive
        InMemoryTableSource live = source(Labels.of("__name__", "m"), 60_000, 1, 2);
        StepVector late = eval(live, "m", new EvalGrid(359_000, 360_000, 1_000));
        assertThat(late.series().get(0).present()).containsExactly(true, false);
    }

    @Test
    void rateExtrapolatesToTheWindowStartButNotBelowZero() {
        InMemoryTableSource source = source(Labels.of("__name__", "c"), 60_000, 0, 10, 20, 30, 40);
        StepVector v = eval(source, "rate(c[5m])", EvalGrid.instant(240_000));
        // 40 over 240s sampled; extrapolating 60s back would go below zero, so it stops at zero: 40 / 300s
        assertThat(v.series().get(0).values()[0]).isCloseTo(40.0 / 300, within(1e-12));
        assertThat(v.series().get(0).labels()).isEqualTo(Labels.EMPTY);
    }

    @Test
    void powerFollowsGoMathPowSpecialCases() {
        InMemoryTableSource source = source(Labels.of("__name__", "m"), 60_000, -1);
        // Go's math.Pow: (-1)^±Inf = 1 and 1^NaN = 1, where Java's Math.pow gives NaN
        assertThat(eval(source, "m ^ Inf", EvalGrid.instant(0)).series().get(0).values()[0]).isEqualTo(1);
        assertThat(eval(source, "m ^ -Inf", EvalGrid.instant(0)).series().get(0).values()[0]).isEqualTo(1);
        assertThat(eval(source, "(m * -1) ^ NaN", EvalGrid.instant(0)).series().get(0).values()[0]).isEqualTo(1);
        assertThat(eval(source, "m ^ NaN", EvalGrid.instant(0)).series().get(0).values()[0]).isNaN();
        assertThat(eval(source, "(m - 1) ^ 0.5", EvalGrid.instant(0)).series().get(0).values()[0]).isNaN();
    }
}
