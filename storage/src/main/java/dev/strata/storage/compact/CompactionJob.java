package dev.strata.storage.compact;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.storage.manifest.PartFiles;
import dev.strata.storage.manifest.PartLayout;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges small parts: for each tenant, table and day holding at least {@code minParts} parts
 * smaller than {@code smallPartBytes}, those parts are merged (sorted, samples and series
 * deduplicated with the newest part winning) into one part of level max+1, which replaces them in
 * one manifest commit. A crash before the commit leaves an orphan file (deleted at the next
 * open); after it, the old files (deleted once no scan holds them, or at the next open). Runs on
 * one thread at a time.
 */
public final class CompactionJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CompactionJob.class);

    private final PartCatalog catalog;
    private final PartReader reader;
    private final PartFiles files;
    private final BufferAllocator allocator;
    private final int minParts;
    private final long smallPartBytes;
    private final int batchRows;

    public CompactionJob(PartCatalog catalog, PartReader reader, PartFiles files, BufferAllocator allocator, int minParts,
            long smallPartBytes, int batchRows) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.reader = requireNonNull(reader, "reader is null");
        this.files = requireNonNull(files, "files is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.minParts = minParts;
        this.smallPartBytes = smallPartBytes;
        this.batchRows = batchRows;
    }

    /** The groups that would be merged now, each sorted oldest first. */
    public List<List<PartMeta>> plan() {
        Map<String, List<PartMeta>> groups = new TreeMap<>();
        for (PartMeta part : catalog.liveParts()) {
            if (part.sizeBytes() < smallPartBytes) {
                String key = part.table() + '\n' + part.tenant() + '\n' + dayOf(part);
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(part);
            }
        }
        List<List<PartMeta>> plan = new ArrayList<>();
        for (List<PartMeta> group : groups.values()) {
            if (group.size() >= minParts) {
                group.sort(Comparator.comparing(PartMeta::id));
                plan.add(group);
            }
        }
        return plan;
    }

    /** Merges every planned group; returns how many merges were committed. */
    public int runOnce() {
        int merged = 0;
        for (List<PartMeta> group : plan()) {
            merge(group);
            merged++;
        }
        return merged;
    }

    @Override
    public void run() {
        runOnce();
    }

    /** Merges {@code group} (one table, tenant and day; oldest first) into one part and commits it. */
    public PartMeta merge(List<PartMeta> group) {
        PartMeta first = group.get(0);
        List<String> columns = PartLayout.storedColumns(first.table());
        List<BatchReader> readers = new ArrayList<>(group.size());
        int level = 0;
        PartMeta result;
        long rowsIn;
        long rowsOut;
        try {
            for (PartMeta part : group) {
                readers.add(reader.open(catalog.file(part), part, columns, TimeRange.ALL, null, allocator));
                level = Math.max(level, part.level() + 1);
            }
        } catch (RuntimeException e) {
            readers.forEach(BatchReader::close);
            throw e;
        }
        try (MergingIterator merging = new MergingIterator(first.table(), readers, columns, batchRows, allocator)) {
            result = files.write(first.table(), first.tenant(), dayOf(first), level, merging);
            rowsIn = merging.rowsIn();
            rowsOut = merging.rowsOut();
        }
        List<String> removed = new ArrayList<>(group.size());
        for (PartMeta part : group) {
            removed.add(part.id());
        }
        catalog.replaceParts(List.of(result), removed);
        LOG.info("parts compacted [table={}, tenant={}, inputs={}, rowsIn={}, rowsOut={}, part={}, level={}]", first.table(),
                first.tenant(), group.size(), rowsIn, rowsOut, result.id(), level);
        return result;
    }

    /** The day partition of a part, from its path ({@code .../day=yyyy-mm-dd/...}). */
    static LocalDate dayOf(PartMeta part) {
        String path = part.relativePath();
        int at = path.indexOf("/day=");
        return LocalDate.parse(path.substring(at + 5, path.indexOf('/', at + 5)));
    }
}
