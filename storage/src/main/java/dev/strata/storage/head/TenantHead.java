package dev.strata.storage.head;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.SpanRecord;
import java.util.Arrays;
import java.util.List;
import org.roaringbitmap.RoaringBitmap;

/**
 * One tenant's rows in one head generation: a {@link SeriesChunks} per series ordinal, a
 * {@link StreamBuffer} per stream ordinal, and the spans. Appends and snapshots take this
 * object's monitor; snapshots keep array references and counts, never copies.
 */
public final class TenantHead {
    private final String tenant;
    private SeriesChunks[] series = new SeriesChunks[64];
    private StreamBuffer[] streams = new StreamBuffer[16];
    private SpanRecord[] spans = new SpanRecord[16];
    private int spanCount;
    private int[] newSeries = new int[16];
    private int newSeriesCount;
    private long sampleRows;
    private long logRows;
    private long bytes;
    private final long[] minTime = {Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE};
    private final long[] maxTime = {Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE};

    private static final int SAMPLES = 0;
    private static final int LOGS = 1;
    private static final int SPANS = 2;
    /** The head's estimate of a series' fixed cost: its {@link SeriesChunks} and their small arrays. */
    private static final long SERIES_OVERHEAD_BYTES = 256;

    TenantHead(String tenant) {
        this.tenant = requireNonNull(tenant, "tenant is null");
    }

    public String tenant() {
        return tenant;
    }

    /** Records that a series was first registered while this generation was active (it goes into this seal's series part). */
    public synchronized void noteNewSeries(int ordinal) {
        if (newSeriesCount == newSeries.length) {
            newSeries = Arrays.copyOf(newSeries, newSeriesCount * 2);
        }
        newSeries[newSeriesCount++] = ordinal;
    }

    public synchronized int[] newSeries() {
        return Arrays.copyOf(newSeries, newSeriesCount);
    }

    /** Appends {@code n} samples of one series (timestamps in ms); returns the estimated bytes added. */
    public synchronized long appendSamples(int ordinal, long[] ts, double[] values, int offset, int n, long minMillis, long maxMillis) {
        if (ordinal >= series.length) {
            series = Arrays.copyOf(series, Math.max(ordinal + 1, series.length * 2));
        }
        SeriesChunks buffer = series[ordinal];
        long added = 0;
        if (buffer == null) {
            buffer = new SeriesChunks(n);
            series[ordinal] = buffer;
            added += SERIES_OVERHEAD_BYTES;
        }
        added += buffer.append(ts, values, offset, n);
        sampleRows += n;
        bytes += added;
        widen(SAMPLES, TimeRange.millisToNanos(minMillis), TimeRange.millisToNanos(maxMillis));
        return added;
    }

    /**
     * Appends the samples of many series under one lock: series {@code i} has ordinal
     * {@code ordinals[i]} (skipped when negative) and {@code counts[i]} samples in
     * {@code ts[i]/values[i]}, times in ms within {@code [minMillis[i], maxMillis[i]]}. Returns the
     * estimated bytes added.
     */
    public synchronized long appendSamplesAll(int[] ordinals, long[][] ts, double[][] values, int[] counts, long[] minMillis,
            long[] maxMillis, int n) {
        long added = 0;
        for (int i = 0; i < n; i++) {
            int ordinal = ordinals[i];
            if (ordinal < 0 || counts[i] == 0) {
                continue;
            }
            if (ordinal >= series.length) {
                series = Arrays.copyOf(series, Math.max(ordinal + 1, series.length * 2));
            }
            SeriesChunks buffer = series[ordinal];
            if (buffer == null) {
                buffer = new SeriesChunks(counts[i]);
                series[ordinal] = buffer;
                added += SERIES_OVERHEAD_BYTES;
            }
            added += buffer.append(ts[i], values[i], 0, counts[i]);
            sampleRows += counts[i];
            widen(SAMPLES, TimeRange.millisToNanos(minMillis[i]), TimeRange.millisToNanos(maxMillis[i]));
        }
        bytes += added;
        return added;
    }

    /** Appends the entries of one stream; returns the estimated bytes added. */
    public synchronized long appendLogs(int ordinal, List<LogEntry> entries, long minNanos, long maxNanos) {
        if (ordinal >= streams.length) {
            streams = Arrays.copyOf(streams, Math.max(ordinal + 1, streams.length * 2));
        }
        StreamBuffer buffer = streams[ordinal];
        if (buffer == null) {
            buffer = new StreamBuffer();
            streams[ordinal] = buffer;
        }
        long added = buffer.append(entries);
        logRows += entries.size();
        bytes += added;
        widen(LOGS, minNanos, maxNanos);
        return added;
    }

    public synchronized long appendSpans(List<SpanRecord> records) {
        int n = records.size();
        if (spanCount + n > spans.length) {
            spans = Arrays.copyOf(spans, Math.max(spanCount + n, spans.length * 2));
        }
        long added = 0;
        for (int i = 0; i < n; i++) {
            SpanRecord span = records.get(i);
            spans[spanCount++] = span;
            widen(SPANS, span.startNanos(), span.startNanos());
            added += 256 + 64L * (span.attributes().size() + span.events().size());
        }
        bytes += added;
        return added;
    }

    private void widen(int table, long min, long max) {
        if (min < minTime[table]) {
            minTime[table] = min;
        }
        if (max > maxTime[table]) {
            maxTime[table] = max;
        }
    }

    public synchronized long rows(String table) {
        return switch (table) {
            case TelemetryTables.SAMPLES -> sampleRows;
            case TelemetryTables.LOGS -> logRows;
            case TelemetryTables.SPANS -> spanCount;
            case TelemetryTables.SERIES -> newSeriesCount;
            default -> 0;
        };
    }

    public synchronized long bytes() {
        return bytes;
    }

    /** The time span of a table's rows here (ns), or null when it has none. */
    public synchronized TimeRange timeSpan(String table) {
        int t = switch (table) {
            case TelemetryTables.SAMPLES -> SAMPLES;
            case TelemetryTables.LOGS -> LOGS;
            case TelemetryTables.SPANS -> SPANS;
            default -> -1;
        };
        if (t < 0 || minTime[t] > maxTime[t]) {
            return null;
        }
        return new TimeRange(minTime[t], maxTime[t]);
    }

    /** The samples of the selected series ordinals (null = all) as they are now. */
    public synchronized SamplesSnapshot snapshotSamples(RoaringBitmap selected) {
        int n = 0;
        int[] ordinals = new int[16];
        for (int i = 0; i < series.length; i++) {
            if (series[i] != null && (selected == null || selected.contains(i))) {
                if (n == ordinals.length) {
                    ordinals = Arrays.copyOf(ordinals, n * 2);
                }
                ordinals[n++] = i;
            }
        }
        SeriesChunks.View[] views = new SeriesChunks.View[n];
        for (int i = 0; i < n; i++) {
            views[i] = series[ordinals[i]].view();
        }
        return new SamplesSnapshot(Arrays.copyOf(ordinals, n), views);
    }

    /** The lines of the selected stream ordinals (null = all) as they are now. */
    public synchronized LogsSnapshot snapshotLogs(RoaringBitmap selected) {
        int n = 0;
        int[] ordinals = new int[16];
        for (int i = 0; i < streams.length; i++) {
            if (streams[i] != null && (selected == null || selected.contains(i))) {
                if (n == ordinals.length) {
                    ordinals = Arrays.copyOf(ordinals, n * 2);
                }
                ordinals[n++] = i;
            }
        }
        StreamBuffer[] buffers = new StreamBuffer[n];
        int[] counts = new int[n];
        long[][] ts = new long[n][];
        String[][] lines = new String[n][];
        Labels[][] metadata = new Labels[n][];
        String[][] traceIds = new String[n][];
        String[][] spanIds = new String[n][];
        String[][] levels = new String[n][];
        for (int i = 0; i < n; i++) {
            StreamBuffer b = streams[ordinals[i]];
            buffers[i] = b;
            counts[i] = b.count;
            ts[i] = b.timestamps;
            lines[i] = b.lines;
            metadata[i] = b.metadata;
            traceIds[i] = b.traceIds;
            spanIds[i] = b.spanIds;
            levels[i] = b.levels;
        }
        return new LogsSnapshot(Arrays.copyOf(ordinals, n), counts, ts, lines, metadata, traceIds, spanIds, levels, null, null);
    }

    public synchronized SpansSnapshot snapshotSpans() {
        return new SpansSnapshot(spans, spanCount);
    }

    /** Rows of one table of this tenant's head, as they were when taken. */
    public sealed interface Snapshot permits SamplesSnapshot, LogsSnapshot, SpansSnapshot {
        /** Rows in the snapshot (before duplicates are reduced). */
        long rows();
    }

    /**
     * Sample rows of a snapshot: the compressed chunks of each series as they were when taken.
     * A slice of a snapshot (see {@link HeadSlicer}) also carries its series' ids and labels,
     * resolved once and in ascending id order.
     */
    public static final class SamplesSnapshot implements Snapshot {
        private final int[] ordinals;
        private final SeriesChunks.View[] series;
        private final long[] ids;
        private final Labels[] labels;
        private final long rows;

        SamplesSnapshot(int[] ordinals, SeriesChunks.View[] series) {
            this(ordinals, series, null, null);
        }

        SamplesSnapshot(int[] ordinals, SeriesChunks.View[] series, long[] ids, Labels[] labels) {
            this.ordinals = ordinals;
            this.series = series;
            this.ids = ids;
            this.labels = labels;
            long n = 0;
            for (SeriesChunks.View view : series) {
                n += view.samples();
            }
            this.rows = n;
        }

        /** The series ordinals, in the order of {@link #series()}. */
        public int[] ordinals() {
            return ordinals;
        }

        SeriesChunks.View[] series() {
            return series;
        }

        /** The series ids in ascending order, or null when not resolved (then the reader resolves and sorts). */
        long[] ids() {
            return ids;
        }

        /** The series' labels in the order of {@link #ids()}, or null with it. */
        Labels[] labels() {
            return labels;
        }

        @Override
        public long rows() {
            return rows;
        }
    }

    /**
     * Log rows of a snapshot, column arrays per stream. {@code ids} (ascending) and
     * {@code labels} are set on a slice of a snapshot ({@link HeadSlicer}) and null otherwise.
     */
    public record LogsSnapshot(
            int[] ordinals, int[] counts, long[][] timestamps, String[][] lines, Labels[][] metadata,
            String[][] traceIds, String[][] spanIds, String[][] levels, long[] ids, Labels[] labels) implements Snapshot {
        @Override
        public long rows() {
            long n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }
    }

    /** Spans of a snapshot: the first {@code count} of {@code spans}. */
    public record SpansSnapshot(SpanRecord[] spans, int count) implements Snapshot {
        @Override
        public long rows() {
            return count;
        }
    }
}
