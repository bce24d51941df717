package dev.strata.storage;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.storage.head.LabelSetRegistry;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.wal.WalEncoder;
import dev.strata.storage.wal.WalRecords;
import dev.strata.storage.write.SeriesSamples;
import java.util.List;

/**
 * One {@link ColumnStore#writeSamples} call: the batch's series as parallel arrays, and each step
 * over them as its own small method. Measured: with every loop in one method, C2 compiled it as a
 * whole with the head append, the registry and the WAL encoding inlined (110 kB of machine code,
 * 3.5 s of compiler time, twice: on-stack replacement, then a normal compile), a large share of
 * a fresh server's CPU during its first writes. Not thread-safe; used by one call.
 */
final class SampleWrite {
    final int n;
    final Labels[] sets;
    final long[] ids;
    final boolean[] skip;
    final long[][] timestamps;
    final double[][] values;
    final int[] counts;
    final long[] minTimes;
    final long[] maxTimes;
    final int[] ordinals;
    final boolean[] isNew;
    long accepted;
    long rejected;
    int withSamples;
    String collision;

    private SampleWrite(int n) {
        this.n = n;
        this.sets = new Labels[n];
        this.ids = new long[n];
        this.skip = new boolean[n];
        this.timestamps = new long[n][];
        this.values = new double[n][];
        this.counts = new int[n];
        this.minTimes = new long[n];
        this.maxTimes = new long[n];
        this.ordinals = new int[n];
        this.isNew = new boolean[n];
    }

    /**
     * The batch's series with the samples older than {@code cutoffMillis} dropped (compacted in
     * place: the arrays belong to the batch), and each series' id and time span.
     */
    static SampleWrite of(List<SeriesSamples> series, long cutoffMillis) {
        SampleWrite w = new SampleWrite(series.size());
        for (int i = 0; i < w.n; i++) {
            SeriesSamples s = series.get(i);
            w.sets[i] = s.labels();
            w.ids[i] = s.labels().stableHash();
            w.timestamps[i] = s.timestampsMillis();
            w.values[i] = s.values();
            w.keep(i, s.count(), cutoffMillis);
        }
        return w;
    }

    private void keep(int i, int count, long cutoffMillis) {
        long[] ts = timestamps[i];
        double[] vs = values[i];
        int kept = 0;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int j = 0; j < count; j++) {
            long t = ts[j];
            if (t >= cutoffMillis) {
                ts[kept] = t;
                vs[kept] = vs[j];
                kept++;
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
        }
        counts[i] = kept;
        accepted += kept;
        rejected += count - kept;
        skip[i] = kept == 0;
        withSamples += kept == 0 ? 0 : 1;
        minTimes[i] = min;
        maxTimes[i] = max;
    }

    /** Resolves every kept series to its ordinal; returns how many are new. */
    int resolve(LabelSetRegistry registry) {
        int created = registry.resolveAll(sets, ids, skip, ordinals, isNew, n);
        for (int i = 0; i < n; i++) {
            if (ordinals[i] < 0 && !skip[i]) {
                // another label set owns this id: storing these samples under it would merge two series
                rejected += counts[i];
                accepted -= counts[i];
                withSamples--;
                counts[i] = 0;
                collision = "series id collision: " + sets[i] + " hashes to the id of " + registry.labelsOf(ids[i]);
            }
        }
        return created;
    }

    /** The {@code SERIES} record of the {@code created} new series, noted in the head as new. */
    void encodeNewSeries(WalEncoder encoder, String tenant, int created, TenantHead head) {
        WalRecords.beginSeries(encoder, tenant, created);
        for (int i = 0; i < n; i++) {
            if (isNew[i]) {
                head.noteNewSeries(ordinals[i]);
                WalRecords.addSeries(encoder, ids[i], sets[i]);
            }
        }
    }

    /** The {@code SAMPLES} record of the kept samples. */
    void encodeSamples(WalEncoder encoder, String tenant) {
        WalRecords.beginSamples(encoder, tenant, withSamples);
        for (int i = 0; i < n; i++) {
            if (counts[i] > 0) {
                WalRecords.addSeriesSamples(encoder, ids[i], timestamps[i], values[i], counts[i]);
            }
        }
    }

    /** Appends the kept samples to the head and widens the series' time spans; returns the bytes added. */
    long append(TenantHead head, LabelSetRegistry registry) {
        long bytes = head.appendSamplesAll(ordinals, timestamps, values, counts, minTimes, maxTimes, n);
        for (int i = 0; i < n; i++) {
            // the ms spans become ns for the registry
            minTimes[i] = TimeRange.millisToNanos(minTimes[i]);
            maxTimes[i] = TimeRange.millisToNanos(maxTimes[i]);
        }
        registry.noteTimesAll(ordinals, minTimes, maxTimes, n);
        return bytes;
    }
}
