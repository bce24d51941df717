package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.engine.series.RawSeries;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.table.TelemetryTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class TestSamplesScan {
    private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
    private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");
    private static final Labels OTHER_A = Labels.of("__name__", "other", "job", "a");

    @Test
    void readsLabelSetsFromTheSeriesTableAndOnlyIdsTimesAndValuesFromSamples() {
        InMemoryTableSource withSeries = source(true);
        List<RawSeries> series = divide(withSeries, List.of(LabelMatcher.equal("__name__", "up")), 1_000, 3_000);
        // by hand: the two `up` series, samples at 1 s..3 s of 0..4 s (both ends inclusive)
        assertThat(series).extracting(RawSeries::labels).containsExactly(UP_A, UP_B);
        assertThat(Arrays.copyOf(series.get(0).ts(), series.get(0).size())).containsExactly(1_000L, 2_000L, 3_000L);
        assertThat(Arrays.copyOf(series.get(0).values(), series.get(0).size())).containsExactly(11, 12, 13);
        assertThat(Arrays.copyOf(series.get(1).values(), series.get(1).size())).containsExactly(21, 22, 23);
        ScanRequest samples = withSeries.requests().stream().filter(r -> r.table().equals(TelemetryTables.SAMPLES)).findFirst().orElseThrow();
        assertThat(samples.columns()).containsExactly("series_id", "ts", "value");
    }

    @Test
    void sourcesWithoutSeriesRowsGiveTheSameSeries() {
        List<LabelMatcher> matchers = List.of(LabelMatcher.equal("job", "a"));
        List<RawSeries> fast = divide(source(true), matchers, 0, 4_000);
        List<RawSeries> rowLabels = divide(source(false), matchers, 0, 4_000);
        assertThat(fast).extracting(RawSeries::labels).containsExactly(OTHER_A, UP_A);
        assertThat(rowLabels).extracting(RawSeries::labels).containsExactlyElementsOf(fast.stream().map(RawSeries::labels).toList());
        for (int i = 0; i < fast.size(); i++) {
            assertThat(Arrays.copyOf(rowLabels.get(i).values(), rowLabels.get(i).size()))
                    .containsExactly(Arrays.copyOf(fast.get(i).values(), fast.get(i).size()));
        }
    }

    @Test
    void seriesHandedOneAtATimeAreTheDividedSeries() {
        // out of order and repeated timestamps: the last row of a time wins in both
        List<TelemetryRows.Sample> samples = new ArrayList<>();
        List<TelemetryRows.Series> series = new ArrayList<>();
        for (Labels labels : List.of(UP_B, UP_A)) {
            TreeMap<String, String> others = new TreeMap<>(labels.withoutMetricName().toMap());
            series.add(new TelemetryRows.Series(labels.stableHash(), labels.metricName(), others, "gauge", "", ""));
            long[] times = {3_000, 1_000, 2_000, 1_000, 4_000};
            for (int i = 0; i < times.length; i++) {
                samples.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), others, times[i], i));
            }
        }
        InMemoryTableSource source = new InMemoryTableSource(2, 2).addSamples("t", samples).addSeries("t", series);
        List<LabelMatcher> up = List.of(LabelMatcher.equal("__name__", "up"));
        List<RawSeries> owned = divide(source, up, 0, 3_000);
        List<String> handed = new ArrayList<>();
        try (RootAllocator allocator = new RootAllocator()) {
            EvalContext context = new EvalContext(source, "t", allocator, 1_000_000, new Annotations());
            new SeriesDivide(new SamplesScan(up, 0, 3_000)).forEach(context, s -> handed.add(s.labels() + " "
                    + Arrays.toString(Arrays.copyOf(s.ts(), s.size())) + " " + Arrays.toString(Arrays.copyOf(s.values(), s.size()))));
            assertThat(allocator.getAllocatedMemory()).isZero();
        }
        // by hand: times 1 s (row 3 wins), 2 s, 3 s; 4 s is outside [0, 3 s]; sorted by labels
        String a = UP_A + " [1000, 2000, 3000] [3.0, 2.0, 0.0]";
        String b = UP_B + " [1000, 2000, 3000] [3.0, 2.0, 0.0]";
        assertThat(handed).containsExactly(a, b);
        assertThat(owned).extracting(s -> s.labels() + " " + Arrays.toString(Arrays.copyOf(s.ts(), s.size())) + " "
                + Arrays.toString(Arrays.copyOf(s.values(), s.size()))).containsExactly(a, b);
    }

    private static List<RawSeries> divide(InMemoryTableSource source, List<LabelMatcher> matchers, long minMs, long maxMs) {
        try (RootAllocator allocator = new RootAllocator()) {
            EvalContext context = new EvalContext(source, "t", allocator, 1_000_000, new Annotations());
            List<RawSeries> series = new SeriesDivide(new SamplesScan(matchers, minMs, maxMs)).series(context);
            assertThat(allocator.getAllocatedMemory()).isZero();
            return series;
        }
    }

    /** Three series with samples at 0..4 s; values 10+i, 20+i, 30+i. Splits of 4 rows, batches of 3. */
    private static InMemoryTableSource source(boolean withSeriesRows) {
        List<TelemetryRows.Sample> samples = new ArrayList<>();
        List<TelemetryRows.Series> series = new ArrayList<>();
        Labels[] all = {UP_A, UP_B, OTHER_A};
        for (int s = 0; s < all.length; s++) {
            TreeMap<String, String> others = new TreeMap<>(all[s].withoutMetricName().toMap());
            series.add(new TelemetryRows.Series(all[s].stableHash(), all[s].metricName(), others, "gauge", "", ""));
            for (int i = 0; i <= 4; i++) {
                samples.add(new TelemetryRows.Sample(all[s].stableHash(), all[s].metricName(), others, i * 1_000L, 10 * (s + 1) + i));
            }
        }
        InMemoryTableSource source = new InMemoryTableSource(4, 3).addSamples("t", samples);
        return withSeriesRows ? source.addSeries("t", series) : source;
    }
}
