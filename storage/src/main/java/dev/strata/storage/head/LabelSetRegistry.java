package dev.strata.storage.head;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.storage.index.IdOrdinalMap;
import dev.strata.storage.index.LabelIndex;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

/**
 * Every label set (series or log stream) one tenant ever wrote: id ({@code Labels.stableHash()})
 * ↔ dense ordinal ↔ labels, the time span seen per set, and the {@link LabelIndex} over them.
 * Sets loaded from sealed parts have an unknown time span and are kept for every range. Never
 * shrinks while the process runs. Thread-safe (one monitor).
 */
public final class LabelSetRegistry {
    private final IdOrdinalMap ordinals = new IdOrdinalMap(1024);
    private final LabelIndex index = new LabelIndex();
    private long[] ids = new long[1024];
    private Labels[] labels = new Labels[1024];
    private long[] minTime = new long[1024];
    private long[] maxTime = new long[1024];
    private int size;

    /** The ordinal of {@code id}, or -1. */
    public synchronized int ordinal(long id) {
        return ordinals.get(id);
    }

    /**
     * The ordinal of the label set, registering it when new. Returns {@code -(ordinal + 1)} when
     * the set was new, so callers can log it once.
     */
    public synchronized int resolve(long id, Labels set) {
        int existing = ordinals.get(id);
        if (existing >= 0) {
            return existing;
        }
        return -(add(id, set, Long.MAX_VALUE, Long.MIN_VALUE) + 1);
    }

    /**
     * Resolves many sets under one lock: {@code ordinals[i]} receives the ordinal of
     * {@code sets[i]} (-1 where {@code skip[i]}), {@code isNew[i]} whether it was registered
     * now. A set whose id is already taken by another label set (a 64-bit hash collision) is not
     * merged into it: its ordinal is -1 with {@code skip[i]} false. Returns how many were new.
     */
    public synchronized int resolveAll(Labels[] sets, long[] ids, boolean[] skip, int[] ordinals, boolean[] isNew, int n) {
        int created = 0;
        for (int i = 0; i < n; i++) {
            if (skip[i]) {
                ordinals[i] = -1;
                continue;
            }
            int existing = this.ordinals.get(ids[i]);
            if (existing >= 0) {
                // decoders hand back the registered instance for known series, so this is mostly a reference check
                Labels known = labels[existing];
                ordinals[i] = known == sets[i] || known.equals(sets[i]) ? existing : -1;
            } else {
                ordinals[i] = add(ids[i], sets[i], Long.MAX_VALUE, Long.MIN_VALUE);
                isNew[i] = true;
                created++;
            }
        }
        return created;
    }

    /** Widens the time spans of many sets (ns) under one lock; negative ordinals are skipped. */
    public synchronized void noteTimesAll(int[] ordinals, long[] minNanos, long[] maxNanos, int n) {
        for (int i = 0; i < n; i++) {
            int ordinal = ordinals[i];
            if (ordinal < 0) {
                continue;
            }
            if (minNanos[i] < minTime[ordinal]) {
                minTime[ordinal] = minNanos[i];
            }
            if (maxNanos[i] > maxTime[ordinal]) {
                maxTime[ordinal] = maxNanos[i];
            }
        }
    }

    /** Registers a set read back from sealed parts: its time span is unknown, so it matches every range. */
    public synchronized void addPersisted(long id, Labels set) {
        int existing = ordinals.get(id);
        if (existing >= 0) {
            minTime[existing] = Long.MIN_VALUE;
            maxTime[existing] = Long.MAX_VALUE;
            return;
        }
        add(id, set, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private int add(long id, Labels set, long min, long max) {
        requireNonNull(set, "set is null");
        if (size == ids.length) {
            int n = size * 2;
            ids = Arrays.copyOf(ids, n);
            labels = Arrays.copyOf(labels, n);
            minTime = Arrays.copyOf(minTime, n);
            maxTime = Arrays.copyOf(maxTime, n);
        }
        int ordinal = size++;
        ids[ordinal] = id;
        labels[ordinal] = set;
        minTime[ordinal] = min;
        maxTime[ordinal] = max;
        ordinals.put(id, ordinal);
        index.add(ordinal, set);
        return ordinal;
    }

    /** Widens the time span of a set by the rows just appended (nanoseconds). */
    public synchronized void noteTimes(int ordinal, long minNanos, long maxNanos) {
        if (minNanos < minTime[ordinal]) {
            minTime[ordinal] = minNanos;
        }
        if (maxNanos > maxTime[ordinal]) {
            maxTime[ordinal] = maxNanos;
        }
    }

    public synchronized int size() {
        return size;
    }

    /** The ids and label sets of {@code ordinals} under one lock (a scan resolves a head's series at once). */
    public synchronized void resolveOrdinals(int[] ordinals, long[] idsOut, Labels[] labelsOut) {
        for (int i = 0; i < ordinals.length; i++) {
            idsOut[i] = ids[ordinals[i]];
            labelsOut[i] = labels[ordinals[i]];
        }
    }

    public synchronized long id(int ordinal) {
        return ids[ordinal];
    }

    public synchronized Labels labels(int ordinal) {
        return labels[ordinal];
    }

    /** Labels of {@code id}, or null when unknown. */
    public synchronized Labels labelsOf(long id) {
        int ordinal = ordinals.get(id);
        return ordinal < 0 ? null : labels[ordinal];
    }

    /** Ordinals of the sets that every matcher accepts and that have rows in {@code range}. */
    public synchronized RoaringBitmap select(List<LabelMatcher> matchers, TimeRange range) {
        RoaringBitmap selected = index.select(matchers);
        if (!range.isAll()) {
            RoaringBitmap outside = new RoaringBitmap();
            IntIterator it = selected.getIntIterator();
            while (it.hasNext()) {
                int ordinal = it.next();
                if (!range.overlaps(minTime[ordinal], maxTime[ordinal])) {
                    outside.add(ordinal);
                }
            }
            selected.andNot(outside);
        }
        return selected;
    }

    /** Ids of the selected sets, sorted ascending and distinct (what {@code PartReader} wants). */
    public synchronized long[] sortedIds(RoaringBitmap selected) {
        long[] result = new long[selected.getCardinality()];
        int n = 0;
        IntIterator it = selected.getIntIterator();
        while (it.hasNext()) {
            result[n++] = ids[it.next()];
        }
        Arrays.sort(result);
        return result;
    }

    public synchronized List<String> labelNames(List<LabelMatcher> matchers, TimeRange range) {
        return index.labelNames(select(matchers, range));
    }

    /**
     * Values of {@code name} over the matching sets, sorted. A selection smaller than the sets
     * carrying the label is answered from the sets themselves (one lookup each); a larger one from
     * the postings (one intersection test per value, which stops at the first common set): e.g.
     * the 20 instances of one job's 2,000 of 10,000 series took one failing intersection of
     * 2,000 ordinals for each of the other 80 instances.
     */
    public synchronized List<String> labelValues(String name, List<LabelMatcher> matchers, TimeRange range) {
        RoaringBitmap selected = select(matchers, range);
        int selectedCount = selected.getCardinality();
        if (selectedCount == 0) {
            return List.of();
        }
        if ((long) selectedCount * 2 > index.setsWithLabel(name)) {
            return index.labelValues(name, selected);
        }
        HashSet<String> values = new HashSet<>();
        IntIterator it = selected.getIntIterator();
        while (it.hasNext()) {
            String value = labels[it.next()].get(name);
            if (value != null) {
                values.add(value);
            }
        }
        String[] sorted = values.toArray(new String[0]);
        Arrays.sort(sorted);
        return List.of(sorted);
    }

    /** Label sets every matcher accepts with rows in {@code range}, in ordinal order. */
    public synchronized List<Labels> sets(List<LabelMatcher> matchers, TimeRange range) {
        RoaringBitmap selected = select(matchers, range);
        Labels[] result = new Labels[selected.getCardinality()];
        int n = 0;
        IntIterator it = selected.getIntIterator();
        while (it.hasNext()) {
            result[n++] = labels[it.next()];
        }
        return List.of(result);
    }
}
