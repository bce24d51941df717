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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Scans {@code samples} with the label matchers and the closed time range {@code [minMs, maxMs]}
 * pushed into the {@link dev.strata.spi.scan.TableSource}, and collects each series' samples into
 * primitive arrays (in arrival order; {@link SeriesDivide} sorts and re-checks).
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

    /** Collected series builders, unsorted. */
    List<SeriesBuilder> scan(EvalContext context) {
        TimeRange range = new TimeRange(minMs * 1_000_000L, maxMs * 1_000_000L);
        SeriesIdIndex<SeriesBuilder> known = matchingSeries(context);
        if (known.isEmpty()) {
            return scanWithRowLabels(context, range);
        }
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SAMPLES, SAMPLE_COLUMNS, range, matchers,
                OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        try {
            int workers = Math.min(context.workers().threads(), splits.size());
            if (workers > 1) {
                readConcurrently(context, request, splits, known, workers);
            } else {
                long total = 0;
                for (Split split : splits) {
                    try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                        while (reader.loadNext()) {
                            total += appendKnown(reader, known, null);
                            checkLimit(context, total);
                        }
                    }
                }
            }
        } finally {
            context.source().release(splits);
        }
        List<SeriesBuilder> out = new ArrayList<>(known.size());
        for (int i = 0; i < known.size(); i++) {
            SeriesBuilder b = known.valueAt(i);
            if (b.size > 0) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Reads the splits on up to {@code workers} threads, each split into its own per-series chunks,
     * then appends the chunks to the series split by split in the splits' order: every series ends
     * with its samples in exactly the order one thread reading the splits in turn would give, so
     * what {@link SeriesDivide} sorts and deduplicates is the same. The sample limit counts across
     * workers; a failing worker (limit, deadline, I/O) stops the others, and all have closed their
     * readers before the failure is thrown.
     */
    private void readConcurrently(EvalContext context, ScanRequest request, List<Split> splits, SeriesIdIndex<SeriesBuilder> known,
            int workers) {
        SplitSamples[] perSplit = new SplitSamples[splits.size()];
        AtomicInteger nextSplit = new AtomicInteger();
        AtomicLong total = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        context.workers().run(workers, stop, worker -> {
            for (int s = nextSplit.getAndIncrement(); s < perSplit.length && !stop.get(); s = nextSplit.getAndIncrement()) {
                SplitSamples chunks = new SplitSamples();
                try (BatchReader reader = context.source().open(request, splits.get(s), context.allocator())) {
                    while (!stop.get() && reader.loadNext()) {
                        checkLimit(context, total.addAndGet(appendKnown(reader, known, chunks)));
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
     * Appends the rows of known ids within the time range; rows come in runs of one series. The
     * three 8-byte columns are read straight from their buffers: every row is below the batch's
     * row count, and the per-access checks of ArrowBuf were most of this loop's time. With
     * {@code chunks}, rows go to the split's own chunk of each series instead of the series.
     */
    private int appendKnown(BatchReader reader, SeriesIdIndex<SeriesBuilder> known, SplitSamples chunks) {
        List<FieldVector> vectors = reader.root().getFieldVectors();
        long ids = vectors.get(0).getDataBuffer().memoryAddress();
        long ts = vectors.get(1).getDataBuffer().memoryAddress();
        long values = vectors.get(2).getDataBuffer().memoryAddress();
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
            if (current != null && chunks != null) {
                current = chunks.chunkOf(id, current);
            }
            if (current != null) {
                current.reserve(end - row);
                for (int r = row; r < end; r++) {
                    long t = MemoryUtil.getLong(ts + 8L * r);
                    if (t >= minMs && t <= maxMs) {
                        current.add(t, Double.longBitsToDouble(MemoryUtil.getLong(values + 8L * r)));
                        added++;
                    }
                }
            }
            row = end;
        }
        return added;
    }

    /** The old way, for sources without {@code series} rows: labels read with every row. */
    private List<SeriesBuilder> scanWithRowLabels(EvalContext context, TimeRange range) {
        ScanRequest request = new ScanRequest(context.tenant(), TelemetryTables.SAMPLES, COLUMNS, range, matchers, OptionalLong.empty());
        List<Split> splits = context.source().splits(request);
        Map<Long, SeriesBuilder> bySeries = new HashMap<>();
        long total = 0;
        try {
            for (Split split : splits) {
                try (BatchReader reader = context.source().open(request, split, context.allocator())) {
                    while (reader.loadNext()) {
                        total += append(reader, bySeries);
                        checkLimit(context, total);
                    }
                }
            }
        } finally {
            context.source().release(splits);
        }
        return new ArrayList<>(bySeries.values());
    }

    private int append(BatchReader reader, Map<Long, SeriesBuilder> bySeries) {
        List<FieldVector> vectors = reader.root().getFieldVectors();
        BigIntVector ids = (BigIntVector) vectors.get(0);
        VarCharVector metrics = (VarCharVector) vectors.get(1);
        MapVector labels = (MapVector) vectors.get(2);
        TimeStampVector ts = (TimeStampVector) vectors.get(3);
        Float8Vector values = (Float8Vector) vectors.get(4);
        int rows = reader.root().getRowCount();
        int added = 0;
        long lastId = 0;
        SeriesBuilder current = null;
        for (int row = 0; row < rows; row++) {
            long t = ts.get(row);
            if (t < minMs || t > maxMs) {
                continue;
            }
            long id = ids.get(row);
            if (current == null || id != lastId) {
                current = bySeries.get(id);
                if (current == null) {
                    current = new SeriesBuilder(decodeLabels(metrics, labels, row));
                    bySeries.put(id, current);
                }
                lastId = id;
            }
            current.add(t, values.get(row));
            added++;
        }
        return added;
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

    /** A growing run of one series' samples. */
    static final class SeriesBuilder {
        final Labels labels;
        long[] ts = new long[16];
        double[] values = new double[16];
        int size;

        SeriesBuilder(Labels labels) {
            this.labels = labels;
        }

        /** Room for {@code more} samples beyond the current size. */
        void reserve(int more) {
            if (size + more > ts.length) {
                int capacity = Math.max(ts.length * 2, size + more);
                ts = java.util.Arrays.copyOf(ts, capacity);
                values = java.util.Arrays.copyOf(values, capacity);
            }
        }

        /** Appends every sample of {@code chunk} after this run's; an empty run takes the chunk's arrays. */
        void appendAll(SeriesBuilder chunk) {
            if (size == 0) {
                ts = chunk.ts;
                values = chunk.values;
                size = chunk.size;
                return;
            }
            reserve(chunk.size);
            System.arraycopy(chunk.ts, 0, ts, size, chunk.size);
            System.arraycopy(chunk.values, 0, values, size, chunk.size);
            size += chunk.size;
        }

        void add(long t, double v) {
            if (size == ts.length) {
                ts = java.util.Arrays.copyOf(ts, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            ts[size] = t;
            values[size] = v;
            size++;
        }
    }
}
