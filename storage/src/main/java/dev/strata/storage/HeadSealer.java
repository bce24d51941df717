package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.head.Head;
import dev.strata.storage.head.HeadBatchReader;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.head.TenantRegistry;
import dev.strata.storage.manifest.PartFiles;
import dev.strata.storage.manifest.PartLayout;
import dev.strata.storage.part.PartMeta;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes a frozen head generation as level-0 parts: per tenant, one part per table and UTC day
 * (samples, logs, spans) plus one {@code series} part with the series first seen in this
 * generation. The caller publishes the returned parts through the manifest. Not thread-safe
 * (the store seals one generation at a time).
 */
final class HeadSealer {
    private final PartFiles files;
    private final BufferAllocator allocator;
    private final int batchRows;
    private final Clock clock;

    HeadSealer(PartFiles files, BufferAllocator allocator, int batchRows, Clock clock) {
        this.files = requireNonNull(files, "files is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.batchRows = batchRows;
        this.clock = requireNonNull(clock, "clock is null");
    }

    List<PartMeta> seal(Head head, Function<String, TenantRegistry> registries) {
        List<PartMeta> parts = new ArrayList<>();
        for (TenantHead tenantHead : head.tenants()) {
            String tenant = tenantHead.tenant();
            TenantRegistry registry = registries.apply(tenant);
            for (String table : List.of(TelemetryTables.SAMPLES, TelemetryTables.LOGS, TelemetryTables.SPANS)) {
                TimeRange span = tenantHead.timeSpan(table);
                if (span == null) {
                    continue;
                }
                List<String> columns = PartLayout.storedColumns(table);
                LocalDate last = PartLayout.dayOf(span.endNanos());
                for (LocalDate day = PartLayout.dayOf(span.startNanos()); !day.isAfter(last); day = day.plusDays(1)) {
                    TimeRange dayRange = new TimeRange(PartLayout.dayStartNanos(day), PartLayout.dayEndNanos(day));
                    BatchReader reader = switch (table) {
                        case TelemetryTables.SAMPLES ->
                                HeadBatchReader.samples(tenantHead.snapshotSamples(null), registry, columns, dayRange, batchRows, allocator);
                        case TelemetryTables.LOGS ->
                                HeadBatchReader.logs(tenantHead.snapshotLogs(null), registry, columns, dayRange, batchRows, allocator);
                        default -> HeadBatchReader.spans(tenantHead.snapshotSpans(), columns, dayRange, batchRows, allocator);
                    };
                    write(table, tenant, day, reader, parts);
                }
            }
            int[] newSeries = tenantHead.newSeries();
            if (newSeries.length > 0) {
                LocalDate today = PartLayout.dayOf(TimeRange.millisToNanos(clock.millis()));
                BatchReader reader = HeadBatchReader.series(newSeries, registry, PartLayout.storedColumns(TelemetryTables.SERIES),
                        batchRows, allocator);
                write(TelemetryTables.SERIES, tenant, today, reader, parts);
            }
        }
        return parts;
    }

    /** Writes the batches of {@code reader} (closed here) as one level-0 part, unless it yields none. */
    private void write(String table, String tenant, LocalDate day, BatchReader reader, List<PartMeta> into) {
        try (reader) {
            if (reader.loadNext()) {
                into.add(files.write(table, tenant, day, 0, new LoadedFirst(reader)));
            }
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
