package dev.strata.engine.series.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.testing.InMemoryTableSource;
import dev.strata.engine.testing.TelemetryRows;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A samples scan whose splits are read by several workers gives every series exactly the samples,
 * in exactly the order, one thread gives (so what is sorted and deduplicated after is the same);
 * the sample limit counts across workers; a failing worker fails the scan; no buffer outlives it.
 */
final class TestParallelSamplesScan {
    private static final String TENANT = "t";
    private static final List<LabelMatcher> UP = List.of(LabelMatcher.equal("__name__", "up"));

    private BufferAllocator allocator;
    private QueryWorkerPool workers;

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        workers = QueryWorkerPool.create(3);
    }

    @AfterEach
    void tearDown() {
        workers.close();
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /**
     * Series of up to 40 samples written in rounds, so each series is spread over many 3-row
     * splits, with timestamps out of order and repeated (a later row of the same time wins).
     */
    private static InMemoryTableSource store() {
        List<TelemetryRows.Sample> samples = new ArrayList<>();
        List<TelemetryRows.Series> series = new ArrayList<>();
        for (int s = 0; s < 7; s++) {
            Labels labels = Labels.of("__name__", s == 6 ? "down" : "up", "instance", "host-" + s);
            series.add(new TelemetryRows.Series(labels.stableHash(), labels.metricName(), new TreeMap<>(labels.withoutMetricName().toMap()), "", "",
                    ""));
        }
        for (int round = 0; round < 40; round++) {
            for (int s = 0; s < 7; s++) {
                if ((round + s) % 5 == 0) {
                    continue;
                }
                Labels labels = Labels.of("__name__", s == 6 ? "down" : "up", "instance", "host-" + s);
                long ts = (round % 3 == 2 ? round - 1 : round) * 15_000L + (s == 2 ? (39 - round) * 1_000L : 0);
                samples.add(new TelemetryRows.Sample(labels.stableHash(), labels.metricName(), new TreeMap<>(labels.withoutMetricName().toMap()), ts,
                        round * 1.5 + s));
            }
        }
        return new InMemoryTableSource(3, 2).addSamples(TENANT, samples).addSeries(TENANT, series);
    }

    /** One scanned series, gathered out of the scan's arenas before they are freed. */
    private record Scanned(Labels labels, long[] ts, double[] values, int size) {}

    private List<Scanned> scan(TableSource source, QueryWorkerPool pool, long maxSamples) {
        List<Scanned> out = new ArrayList<>();
        try (SamplesScan.Scanned scanned = new SamplesScan(UP, 0, 500_000)
                .scan(new EvalContext(source, TENANT, allocator, maxSamples, new Annotations(), pool))) {
            for (SamplesScan.SeriesBuilder b : scanned.series()) {
                long[] ts = new long[b.size];
                double[] values = new double[b.size];
                b.copyTo(ts, values);
                out.add(new Scanned(b.labels, ts, values, b.size));
            }
        }
        return out;
    }

    @Test
    void everySeriesGetsTheSamplesInOneThreadsOrder() {
        InMemoryTableSource source = store();
        List<Scanned> one = scan(source, QueryWorkerPool.SEQUENTIAL, 1_000);
        List<Scanned> many = scan(source, workers, 1_000);
        assertThat(one).hasSize(6);
        assertThat(many).hasSameSizeAs(one);
        for (int i = 0; i < one.size(); i++) {
            Scanned expected = one.get(i);
            Scanned actual = many.get(i);
            assertThat(actual.labels()).isEqualTo(expected.labels());
            assertThat(actual.ts()).as("%s", expected.labels()).containsExactly(expected.ts());
            assertThat(doubleBits(actual.values(), actual.size())).containsExactly(doubleBits(expected.values(), expected.size()));
        }
        // and through the divide, which sorts and keeps the last of equal timestamps
        List<RawSeries> dividedOne = new SeriesDivide(new SamplesScan(UP, 0, 500_000))
                .series(new EvalContext(source, TENANT, allocator, 1_000, new Annotations(), QueryWorkerPool.SEQUENTIAL));
        List<RawSeries> dividedMany = new SeriesDivide(new SamplesScan(UP, 0, 500_000))
                .series(new EvalContext(source, TENANT, allocator, 1_000, new Annotations(), workers));
        assertThat(dividedMany).hasSameSizeAs(dividedOne);
        for (int i = 0; i < dividedOne.size(); i++) {
            assertThat(dividedMany.get(i).labels()).isEqualTo(dividedOne.get(i).labels());
            assertThat(Arrays.copyOf(dividedMany.get(i).ts(), dividedMany.get(i).size()))
                    .containsExactly(Arrays.copyOf(dividedOne.get(i).ts(), dividedOne.get(i).size()));
            assertThat(doubleBits(dividedMany.get(i).values(), dividedMany.get(i).size()))
                    .containsExactly(doubleBits(dividedOne.get(i).values(), dividedOne.get(i).size()));
        }
    }

    @Test
    void theSampleLimitCountsAcrossWorkers() {
        InMemoryTableSource source = store();
        int total = 0;
        for (Scanned b : scan(source, QueryWorkerPool.SEQUENTIAL, 1_000)) {
            total += b.size();
        }
        // one below the total: only the count summed over every worker passes it
        long limit = total - 1;
        assertThatThrownBy(() -> scan(source, workers, limit)).isInstanceOfSatisfying(StrataException.class,
                e -> assertThat(e.errorCode()).isEqualTo(EngineErrorCode.EVALUATION_ERROR.toErrorCode()));
        assertThat(scan(source, workers, total)).hasSize(6);
    }

    @Test
    void aFailingWorkerFailsTheScanAndClosesEveryReader() {
        AtomicInteger opened = new AtomicInteger();
        InMemoryTableSource store = store();
        TableSource failing = new TableSource() {
            @Override
            public Set<String> tenants() {
                return store.tenants();
            }

            @Override
            public Schema schema(String table) {
                return store.schema(table);
            }

            @Override
            public List<Split> splits(ScanRequest request) {
                return store.splits(request);
            }

            @Override
            public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
                if (request.table().equals("samples") && opened.incrementAndGet() == 5) {
                    throw new IllegalStateException("disk on fire");
                }
                return store.open(request, split, allocator);
            }
        };
        assertThatThrownBy(() -> scan(failing, workers, 1_000)).hasMessage("disk on fire");
    }

    private static long[] doubleBits(double[] values, int size) {
        long[] bits = new long[size];
        for (int i = 0; i < size; i++) {
            bits[i] = Double.doubleToRawLongBits(values[i]);
        }
        return bits;
    }
}
