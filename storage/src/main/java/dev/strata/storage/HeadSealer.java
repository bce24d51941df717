package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.head.Head;
import dev.strata.storage.head.HeadBatchReader;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.head.TenantRegistry;
import dev.strata.storage.manifest.PartIds;
import dev.strata.storage.manifest.PartLayout;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriter;
import dev.strata.storage.wal.WalSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a frozen head generation as level-0 parts: per tenant, one part per table and UTC day
 * (samples, logs, spans) plus one {@code series} part with the series first seen in this
 * generation. Each file is written under a temporary name and renamed into place; the caller
 * publishes the returned parts through the manifest. Not thread-safe (the store seals one
 * generation at a time).
 */
final class HeadSealer {
    private final Path dataDir;
    private final PartWriter writer;
    private final PartIds ids;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final java.time.Clock clock;

    HeadSealer(Path dataDir, PartWriter writer, PartIds ids, BufferAllocator allocator, int batchRows, java.time.Clock clock) {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.ids = requireNonNull(ids, "ids is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.batchRows = batchRows;
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<PartMeta> seal(Head head, Function<String, TenantRegistry> registries) {
        List<PartMeta> parts = new ArrayList<>();
        Set<Path> directories = new LinkedHashSet<>();
        for (TenantHead tenantHead : head.tenants()) {
            String tenant = tenantHead.tenant();
            TenantRegistry registry = registries.apply(tenant);
            for (String table : List.of(TelemetryTables.SAMPLES, TelemetryTables.LOGS, TelemetryTables.SPANS)) {
                TimeRange span = tenantHead.timeSpan(table);
                if (span == null) {
                    continue;
                }
                List<String> columns = PartLayout.storedColumns(table);
                for (LocalDate day = PartLayout.dayOf(span.startNanos()); !day.isAfter(PartLayout.dayOf(span.endNanos())); day = day.plusDays(1)) {
                    TimeRange dayRange = new TimeRange(PartLayout.dayStartNanos(day), PartLayout.dayEndNanos(day));
                    BatchReader reader = switch (table) {
                        case TelemetryTables.SAMPLES ->
                                HeadBatchReader.samples(tenantHead.snapshotSamples(null), registry, columns, dayRange, batchRows, allocator);
                        case TelemetryTables.LOGS ->
                                HeadBatchReader.logs(tenantHead.snapshotLogs(null), registry, columns, dayRange, batchRows, allocator);
                        default -> HeadBatchReader.spans(tenantHead.snapshotSpans(), columns, dayRange, batchRows, allocator);
                    };
                    write(table, tenant, day, 0, reader, parts, directories);
                }
            }
            int[] newSeries = tenantHead.newSeries();
            if (newSeries.length > 0) {
                LocalDate today = PartLayout.dayOf(TimeRange.millisToNanos(clock.millis()));
                BatchReader reader = HeadBatchReader.series(newSeries, registry, PartLayout.storedColumns(TelemetryTables.SERIES),
                        batchRows, allocator);
                write(TelemetryTables.SERIES, tenant, today, 0, reader, parts, directories);
            }
        }
        for (Path directory : directories) {
            WalSegments.fsyncDirectory(directory);
            WalSegments.fsyncDirectory(directory.getParent());
            WalSegments.fsyncDirectory(directory.getParent().getParent());
        }
        return parts;
    }

    /**
     * Writes the batches of {@code reader} (closed here) as one part, unless it yields none.
     * Returns the part or null.
     */
    PartMeta write(String table, String tenant, LocalDate day, int level, BatchReader reader, List<PartMeta> into, Set<Path> directories) {
        try (reader) {
            if (!reader.loadNext()) {
                return null;
            }
            String id = ids.next();
            String relative = PartLayout.relativePath(table, tenant, day, id);
            Path file = dataDir.resolve(relative);
            Path temp = file.resolveSibling(file.getFileName() + PartLayout.TEMP_SUFFIX);
            Files.createDirectories(file.getParent());
            PartMeta meta = writer.write(new PartSpec(id, table, tenant, relative, level), new LoadedFirst(reader), temp);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            directories.add(file.getParent());
            into.add(meta);
            return meta;
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_PART_IO, "cannot write %s part of tenant %s".formatted(table, tenant), e);
        }
    }

    /** Iterates the batches of a reader whose first batch is already loaded; each batch is borrowed until the next call. */
    static final class LoadedFirst implements Iterator<VectorSchemaRoot> {
        private final BatchReader reader;
        private boolean loaded = true;
        private boolean done;

        LoadedFirst(BatchReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (!loaded && !done) {
                if (reader.loadNext()) {
                    loaded = true;
                } else {
                    done = true;
                }
            }
            return loaded;
        }

        @Override
        public VectorSchemaRoot next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            loaded = false;
            return reader.root();
        }
    }
}
