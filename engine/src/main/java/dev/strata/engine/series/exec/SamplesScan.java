package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Scans {@code samples} with the label matchers and the closed time range {@code [minMs, maxMs]}
 * pushed into the {@link dev.strata.spi.scan.TableSource}, and collects each series' samples, in
 * arrival order, as runs in off-heap {@link SampleArena}s ({@link SeriesDivide} gathers, sorts and
 * re-checks them series by series).
 *
 * <p>The label sets come first from the {@code series} table (one row per series, selected by the
 * same matchers through the store's index), so the samples scan reads only
 * {@code series_id, ts, value} and keeps the rows of the matching ids: no label map per row, no
 * builder for a series the matchers reject. A source whose {@code series} table has no matching
 * row (test fakes holding samples only) is read the old way, labels decoded once per series id
 * from the rows themselves.
 *
 * <p>With more than one query thread ({@link EvalContext#workers()}), the splits of the samples
 * scan are read concurrently into per-split chunks merged in split order, so each series' samples
 * come out exactly as a single-threaded scan gives them.
 */
public final class SamplesScan {
    private static final List<String> COLUMNS = List.of("series_id", "metric", "labels", "ts", "value");
    private static final List<String> SAMPLE_COLUMNS = List.of("series_id", "ts", "value");
    private static final List<String> SERIES_COLUMNS = List.of("series_id", "metric", "labels");

    private final List<LabelMatcher> matchers;
    private final long minMs;
    private final long maxMs;

    public SamplesScan(List<LabelMatcher> matchers, long minMs, long maxMs) {
        this.matchers = List.copyOf(requireNonNull(matchers, "matchers is null"));
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    public List<LabelMatcher> matchers() {
        return matchers;
    }

    /**
     * Collected series, unsorted, their samples in arenas of the query's allocator: the caller
     * closes the result once it has read them.
     */
    Scanned scan(EvalContext context) {
        TimeRange range = new TimeRange(minMs * 1_000_000L, maxMs * 1_000_000L);
        SeriesIdIndex<SeriesBuilder> known = matchingSeries(context);
        if (known.isEmpty()) {
            return scanWithRowLabels(context, range);
        }
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SAMPLES, SAMPLE_COLUMNS, range, matchers,
                OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        List<SampleArena> arenas = new ArrayList<>();
        boolean done = false;
        try {
            int workers = Math.min(context.workers().threads(), splits.size());
            if (workers > 1) {
                readConcurrently(context, request, splits, known, workers, arenas);
            } else {
                SampleArena arena = new SampleArena(context.workers().scratch(), context.allocator());
                arenas.add(arena);
                long total = 0;
                for (Split split : splits) {
                    try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                        while (reader.loadNext()) {
                            total += appendRuns(reader, 0, 1, 2, known, null, arena, null, null);
                            checkLimit(context, total);
                        }
                    }
                }
            }
            done = true;
        } finally {
            context.source().release(splits);
            if (!done) {
                closeAll(arenas);
            }
        }
        List<SeriesBuilder> out = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            SeriesBuilder b = known.valueAt(i);
            if (b.size > 0) {
                out.add(b);
            }
        }
        return new Scanned(out, arenas);
    }

    private static void closeAll(List<SampleArena> arenas) {
        for (SampleArena arena : arenas) {
            arena.close();
        }
    }

    /**
     * Reads the splits on up to {@code workers} threads, each split into its own per-series runs
     * (in the worker's arena), then appends the runs to the series split by split in the splits'
     * order: every series ends with its samples in exactly the order one thread reading the splits
     * in turn would give, so what {@link SeriesDivide} sorts and deduplicates is the same. The
     * sample limit counts across workers; a failing worker (limit, deadline, I/O) stops the others,
     * and all have closed their readers before the failure is thrown.
     */
    private void readConcurrently(EvalContext context, ScanRequest request, List<Split> splits, SeriesIdIndex<SeriesBuilder> known,
            int workers, List<SampleArena> arenas) {
        SplitSamples[] perSplit = new SplitSamples[splits.size()];
        SampleArena[] byWorker = new SampleArena[workers];
        for (int w = 0; w < workers; w++) {
            byWorker[w] = new SampleArena(context.workers().scratch(), context.allocator());
            arenas.add(byWorker[w]);
        }
        AtomicInteger nextSplit = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        context.workers().run(workers, stop, worker -> {
            SampleArena arena = byWorker[worker];
            for (int s = nextSplit.getAndIncrement(); s < perSplit.length && !stop.get(); s = nextSplit.getAndIncrement()) {
                SplitSamples chunks = new SplitSamples();
                try (BatchReader reader = context.source().open(request, splits.get(s), context.allocator())) {
                    while (!stop.get() && reader.loadNext()) {
                        checkLimit(context, total.addAndGet(appendRuns(reader, 0, 1, 2, known, chunks, arena, null, null)));
                    }
                }
                perSplit[s] = chunks;
            }
            return null;
        });
        for (SplitSamples chunks : perSplit) {
            chunks.appendToSeries();
        }
    }

    /** The series the matchers accept, by id, each with an empty builder; empty when the source lists none. */
    private SeriesIdIndex<SeriesBuilder> matchingSeries(EvalContext context) {
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SERIES, SERIES_COLUMNS, TimeRange.ALL, matchers,
                OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        SeriesIdIndex<SeriesBuilder> known = new SeriesIdIndex<>();
        try {
            for (Split split : splits) {
                try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                    while (reader.loadNext()) {
                        List<FieldVector> vectors = reader.root().getFieldVectors();
                        BigIntVector ids = (BigIntVector) vectors.get(0);
                        VarCharVector metrics = (VarCharVector) vectors.get(1);
                        MapVector labels = (MapVector) vectors.get(2);
                        int rows = reader.root().getRowCount();
                        for (int row = 0; row < rows; row++) {
                            long id = ids.get(row);
                            if (known.get(id) != null) {
                                continue;
                            }
                            Labels set = decodeLabels(metrics, labels, row);
                            if (matchesAll(set)) {
                                known.put(id, new SeriesBuilder(set));
                            }
                        }
                    }
                }
            }
        } finally {
            context.source().release(splits);
        }
        return known;
    }

    private boolean matchesAll(Labels labels) {
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    private static void checkLimit(EvalContext context, long total) {
        if (total > context.maxSamples()) {
            throw new dev.strata.spi.error.StrataException(dev.strata.engine.EngineErrorCode.EVALUATION_ERROR,
                    "query processing would load too many samples into memory in query execution");
        }
    }

    /**
     * Appends the rows within the time range to their series' builders; rows come in runs of one
     * series, each run copied into {@code arena}. The 8-byte id, time and value columns (at
     * {@code idColumn}, {@code tsColumn}, {@code valueColumn}) are read straight from their
     * buffers: every row is below the batch's row count, and the per-access checks of ArrowBuf
     * were most of this loop's time. With {@code chunks}, runs go to the split's own chunk of each
     * series instead of the series. Ids missing from {@code known} are skipped, or, with
     * {@code metrics} and {@code labels} (sources without {@code series} rows), added with the
     * labels of their first row.
     */
    private int appendRuns(BatchReader reader, int idColumn, int tsColumn, int valueColumn, SeriesIdIndex<SeriesBuilder> known,
            SplitSamples chunks, SampleArena arena, VarCharVector metrics, MapVector labels) {
        List<FieldVector> vectors = reader.root().getFieldVectors();
        long ids = vectors.get(idColumn).getDataBuffer().memoryAddress();
        long ts = vectors.get(tsColumn).getDataBuffer().memoryAddress();
        long values = vectors.get(valueColumn).getDataBuffer().memoryAddress();
        int rows = reader.root().getRowCount();
        int added = 0;
        int row = 0;
        while (row < rows) {
            long id = MemoryUtil.getLong(ids + 8L * row);
            int end = row + 1;
            while (end < rows && MemoryUtil.getLong(ids + 8L * end) == id) {
                end++;
            }
            SeriesBuilder current = known.get(id);
            if (current == null && metrics != null) {
                current = new SeriesBuilder(decodeLabels(metrics, labels, row));
                known.put(id, current);
            }
            if (current != null && chunks != null) {
                current = chunks.chunkOf(id, current);
            }
            if (current != null) {
                long address = arena.reserve(end - row);
                int n = 0;
                for (int r = row; r < end; r++) {
                    long t = MemoryUtil.getLong(ts + 8L * r);
                    if (t >= minMs && t <= maxMs) {
                        SampleArena.put(address, n++, t, MemoryUtil.getLong(values + 8L * r));
                    }
                }
                arena.commit(address, n);
                current.addRun(address, n);
                added += n;
            }
            row = end;
        }
        return added;
    }

    /** The old way, for sources without {@code series} rows: labels read with the rows, decoded once per series id. */
    private Scanned scanWithRowLabels(EvalContext context, TimeRange range) {
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SAMPLES, COLUMNS, range, matchers, OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        SeriesIdIndex<SeriesBuilder> bySeries = new SeriesIdIndex<>();
        SampleArena arena = new SampleArena(context.workers().scratch(), context.allocator());
        long total = 0;
        boolean done = false;
        try {
            for (Split split : splits) {
                try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                    while (reader.loadNext()) {
                        List<FieldVector> vectors = reader.root().getFieldVectors();
                        total += appendRuns(reader, 0, 3, 4, bySeries, null, arena, (VarCharVector) vectors.get(1),
                                (MapVector) vectors.get(2));
                        checkLimit(context, total);
                    }
                }
            }
            done = true;
        } finally {
            context.source().release(splits);
            if (!done) {
                arena.close();
            }
        }
        List<SeriesBuilder> out = new ArrayList<>(bySeries.size());
        for (int i = 0; i < bySeries.size(); i++) {
            SeriesBuilder b = bySeries.valueAt(i);
            if (b.size > 0) {
                out.add(b);
            }
        }
        return new Scanned(out, List.of(arena));
    }

    /** One row's labels, read straight from the map's key and value vectors (no per-entry maps). */
    private static Labels decodeLabels(VarCharVector metrics, MapVector labels, int row) {
        Labels.Builder builder = Labels.builder();
        builder.add(Labels.METRIC_NAME, new String(metrics.get(row), StandardCharsets.UTF_8));
        if (!labels.isNull(row)) {
            StructVector entries = (StructVector) labels.getDataVector();
            VarCharVector keys = (VarCharVector) entries.getChild(MapVector.KEY_NAME);
            VarCharVector values = (VarCharVector) entries.getChild(MapVector.VALUE_NAME);
            int end = labels.getElementEndIndex(row);
            for (int i = labels.getElementStartIndex(row); i < end; i++) {
                builder.add(new String(keys.get(i), StandardCharsets.UTF_8),
                        values.isNull(i) ? "" : new String(values.get(i), StandardCharsets.UTF_8));
            }
        }
        return builder.build();
    }

    /**
     * The samples one split holds, per series, in the split's order; one worker fills it, then the
     * coordinator appends it to the series. Not thread-safe.
     */
    private static final class SplitSamples {
        private final SeriesIdIndex<SeriesBuilder> chunks = new SeriesIdIndex<>();
        private final List<SeriesBuilder> series = new ArrayList<>();

        /** This split's chunk of {@code target}, the series of {@code id}. */
        SeriesBuilder chunkOf(long id, SeriesBuilder target) {
            SeriesBuilder chunk = chunks.get(id);
            if (chunk == null) {
                chunk = new SeriesBuilder(target.labels);
                chunks.put(id, chunk);
                series.add(target);
            }
            return chunk;
        }

        void appendToSeries() {
            for (int i = 0; i < series.size(); i++) {
                series.get(i).appendAll(chunks.valueAt(i));
            }
        }
    }

    /** The series a scan collected and the arenas holding their samples, freed by {@link #close()}. */
    record Scanned(List<SeriesBuilder> series, List<SampleArena> arenas) implements AutoCloseable {
        Scanned {
            requireNonNull(series, "series is null");
            requireNonNull(arenas, "arenas is null");
        }

        @Override
        public void close() {
            closeAll(arenas);
        }
    }

    /**
     * One series' samples as the runs the scan copied into arenas, in arrival order. Holds no
     * sample on the heap: {@link #copyTo} gathers them when the series is evaluated.
     */
    static final class SeriesBuilder {
        private static final long[] NO_RUNS = new long[0];
        private static final int[] NO_COUNTS = new int[0];

        final Labels labels;
        private long[] addresses = NO_RUNS;
        private int[] counts = NO_COUNTS;
        private int runs;
        int size;

        SeriesBuilder(Labels labels) {
            this.labels = labels;
        }

        /** Appends the {@code count} samples at {@code address} (an arena's). */
        void addRun(long address, int count) {
            if (count == 0) {
                return;
            }
            if (runs > 0 && addresses[runs - 1] + (long) SampleArena.SAMPLE_BYTES * counts[runs - 1] == address) {
                counts[runs - 1] += count; // continues the previous run in the same page
            } else {
                if (runs == addresses.length) {
                    int capacity = Math.max(2, runs * 2);
                    addresses = java.util.Arrays.copyOf(addresses, capacity);
                    counts = java.util.Arrays.copyOf(counts, capacity);
                }
                addresses[runs] = address;
                counts[runs] = count;
                runs++;
            }
            size += count;
        }

        /** Appends every run of {@code chunk} after this series' runs. */
        void appendAll(SeriesBuilder chunk) {
            for (int r = 0; r < chunk.runs; r++) {
                addRun(chunk.addresses[r], chunk.counts[r]);
            }
        }

        /** Writes the samples in arrival order to the first {@link #size} entries of {@code ts} and {@code values}. */
        void copyTo(long[] ts, double[] values) {
            int at = 0;
            for (int r = 0; r < runs; r++) {
                long address = addresses[r];
                int count = counts[r];
                for (int i = 0; i < count; i++) {
                    ts[at] = SampleArena.ts(address, i);
                    values[at] = SampleArena.value(address, i);
                    at++;
                }
            }
        }
    }
}
