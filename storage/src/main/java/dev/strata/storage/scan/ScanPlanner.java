package dev.strata.storage.scan;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.scan.TableSource;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.StorageErrorCode;
import dev.strata.storage.head.Head;
import dev.strata.storage.head.HeadBatchReader;
import dev.strata.storage.head.HeadSlicer;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.head.TenantRegistry;
import dev.strata.storage.manifest.LivePart;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.roaringbitmap.RoaringBitmap;

/**
 * The store's {@link TableSource}: plans splits over a {@link ScanSnapshot} (head generations
 * and parts), pruning parts by time range, by id range against the series/streams the index
 * selects, and heads by the same selection; opens splits as batch readers. A part is one split
 * per row group and a head generation's samples or logs are several slices of whole series
 * ({@link HeadSlicer}), so a query's workers read both in parallel. Thread-safe.
 */
public final class ScanPlanner implements TableSource {
    private final ScanSnapshot.Source source;
    private final PartReader partReader;
    private final int batchRows;
    private final HeadSlicer headSlicer;

    public ScanPlanner(ScanSnapshot.Source source, PartReader partReader, int batchRows, HeadSlicer headSlicer) {
        this.source = requireNonNull(source, "source is null");
        this.partReader = requireNonNull(partReader, "partReader is null");
        this.batchRows = batchRows;
        this.headSlicer = requireNonNull(headSlicer, "headSlicer is null");
    }

    @Override
    public Set<String> tenants() {
        return source.tenants();
    }

    @Override
    public Schema schema(String table) {
        checkTable(table);
        return TelemetryTables.schema(table);
    }

    private static void checkTable(String table) {
        if (!TelemetryTables.ALL.contains(table)) {
            throw new StrataException(StorageErrorCode.STORAGE_UNKNOWN_TABLE, "unknown table: " + table);
        }
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        String table = request.table();
        checkTable(table);
        TenantRegistry registry = source.registry(request.tenant());
        if (table.equals(TelemetryTables.SERIES)) {
            if (registry == null) {
                return List.of();
            }
            RoaringBitmap selected = registry.series().select(request.matchers(), TimeRange.ALL);
            return selected.isEmpty() ? List.of() : List.of(new SeriesSplit(request.tenant(), selected.toArray()));
        }
        ScanSnapshot snapshot = source.acquire(request.tenant(), table);
        List<Split> splits = new ArrayList<>();
        RoaringBitmap selected = null;
        long[] ids = null;
        boolean byIndex = !request.matchers().isEmpty() && !table.equals(TelemetryTables.SPANS);
        if (byIndex) {
            if (registry == null) {
                selected = new RoaringBitmap();
                ids = new long[0];
            } else {
                var sets = table.equals(TelemetryTables.SAMPLES) ? registry.series() : registry.streams();
                selected = sets.select(request.matchers(), TimeRange.ALL);
                ids = sets.sortedIds(selected);
            }
        }
        for (LivePart part : snapshot.parts()) {
            PartMeta meta = part.meta();
            boolean keep = request.timeRange().overlaps(meta.minTimeNanos(), meta.maxTimeNanos())
                    && (ids == null || anyWithin(ids, meta.minId(), meta.maxId()));
            if (keep) {
                addRowGroupSplits(splits, part, ids);
            } else {
                part.release();
            }
        }
        for (Head head : snapshot.heads()) {
            TenantHead tenantHead = head.existingTenant(request.tenant());
            if (tenantHead == null) {
                continue;
            }
            TimeRange span = tenantHead.timeSpan(table);
            if (span == null || !request.timeRange().overlaps(span.startNanos(), span.endNanos())) {
                continue;
            }
            // one snapshot per generation (taken under its lock), then cut into slices of whole
            // series in id order: the slices see exactly the snapshot's rows, each once
            switch (table) {
                case TelemetryTables.SAMPLES -> {
                    var slices = headSlicer.slice(tenantHead.snapshotSamples(selected), registryOf(request.tenant()).series(),
                            request.timeRange());
                    for (TenantHead.SamplesSnapshot slice : slices) {
                        splits.add(new HeadSplit(table, request.tenant(), slice));
                    }
                }
                case TelemetryTables.LOGS -> {
                    for (TenantHead.LogsSnapshot slice : headSlicer.slice(tenantHead.snapshotLogs(selected),
                            registryOf(request.tenant()).streams())) {
                        splits.add(new HeadSplit(table, request.tenant(), slice));
                    }
                }
                default -> {
                    // spans are ordered by trace id across the whole generation: one split
                    TenantHead.SpansSnapshot spans = tenantHead.snapshotSpans();
                    if (spans.rows() > 0) {
                        splits.add(new HeadSplit(table, request.tenant(), spans));
                    }
                }
            }
        }
        return splits;
    }

    /**
     * One split per row group of {@code part}, in file order, each holding a reference (the
     * snapshot's one goes to the first): one part read by several workers of a query.
     */
    private void addRowGroupSplits(List<Split> splits, LivePart part, long[] ids) {
        int rowGroups;
        try {
            rowGroups = Math.max(1, part.rowGroupCount(partReader));
        } catch (RuntimeException e) {
            part.release();
            throw e;
        }
        splits.add(new PartSplit(part, ids, 0, 1));
        for (int g = 1; g < rowGroups; g++) {
            if (!part.acquire()) {
                throw new IllegalStateException("part " + part.meta().id() + " vanished while referenced");
            }
            splits.add(new PartSplit(part, ids, g, g + 1));
        }
    }

    /** True when some id of the sorted {@code ids} lies in {@code [min, max]}. */
    static boolean anyWithin(long[] ids, long min, long max) {
        int at = Arrays.binarySearch(ids, min);
        int insertion = at >= 0 ? at : -at - 1;
        return insertion < ids.length && ids[insertion] <= max;
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        requireNonNull(allocator, "allocator is null");
        String table = request.table();
        List<String> columns = request.columns();
        if (split instanceof SeriesSplit s) {
            return HeadBatchReader.series(s.ordinals(), registryOf(s.tenant()), columns, batchRows, allocator);
        }
        if (split instanceof HeadSplit h) {
            if (h.snapshot() instanceof TenantHead.SamplesSnapshot s) {
                return HeadBatchReader.samples(s, registryOf(h.tenant()), columns, request.timeRange(), batchRows, allocator);
            }
            if (h.snapshot() instanceof TenantHead.LogsSnapshot s) {
                return HeadBatchReader.logs(s, registryOf(h.tenant()), columns, request.timeRange(), batchRows, allocator);
            }
            return HeadBatchReader.spans((TenantHead.SpansSnapshot) h.snapshot(), columns, TimeRange.ALL, batchRows, allocator);
        }
        if (split instanceof PartSplit p) {
            if (table.equals(TelemetryTables.SAMPLES) && columns.contains("labels")) {
                List<String> stored = new ArrayList<>();
                for (String c : columns) {
                    if (!c.equals("labels")) {
                        stored.add(c);
                    }
                }
                if (!stored.contains("series_id")) {
                    stored.add("series_id");
                }
                BatchReader inner = partReader.open(p.part().parsed(partReader), p.part().file(), p.part().meta(), stored,
                        request.timeRange(), p.ids(), p.firstRowGroup(), p.endRowGroup(), allocator);
                return new LabelsFillingBatchReader(inner, stored, columns, registryOf(request.tenant()).series(), allocator);
            }
            // the part's kept footer and index (decision 0024); the split holds a reference, so the part is alive
            return partReader.open(p.part().parsed(partReader), p.part().file(), p.part().meta(), columns, request.timeRange(),
                    p.ids(), p.firstRowGroup(), p.endRowGroup(), allocator);
        }
        throw new StrataException(StorageErrorCode.STORAGE_INVALID_SPLIT, "not a split of this store: " + split);
    }

    private TenantRegistry registryOf(String tenant) {
        TenantRegistry registry = source.registry(tenant);
        if (registry == null) {
            return new TenantRegistry(tenant);
        }
        return registry;
    }

    @Override
    public void release(List<Split> splits) {
        for (Split split : splits) {
            if (split instanceof PartSplit p) {
                p.part().release();
            }
        }
    }
}
