package dev.strata.storage;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.scan.BatchReader;
import dev.strata.spi.scan.ScanRequest;
import dev.strata.spi.scan.Split;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.compact.CompactionJob;
import dev.strata.storage.compact.PartCatalog;
import dev.strata.storage.compact.RetentionJob;
import dev.strata.storage.head.ArrowColumns;
import dev.strata.storage.head.Head;
import dev.strata.storage.head.HeadSlicer;
import dev.strata.storage.head.LabelSetRegistry;
import dev.strata.storage.head.TenantHead;
import dev.strata.storage.head.TenantRegistry;
import dev.strata.storage.index.LabelLookup;
import dev.strata.storage.manifest.LivePart;
import dev.strata.storage.manifest.Manifest;
import dev.strata.storage.manifest.ManifestFile;
import dev.strata.storage.manifest.PartFiles;
import dev.strata.storage.manifest.PartIds;
import dev.strata.storage.manifest.PartLayout;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import dev.strata.storage.part.PartWriter;
import dev.strata.storage.scan.ScanPlanner;
import dev.strata.storage.scan.ScanSnapshot;
import dev.strata.storage.wal.SegmentedWal;
import dev.strata.storage.wal.WalDecoder;
import dev.strata.storage.wal.WalEncoder;
import dev.strata.storage.wal.WalRecordType;
import dev.strata.storage.wal.WalRecords;
import dev.strata.storage.wal.WalReplay;
import dev.strata.storage.wal.WalSegments;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SeriesSamples;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.SpanRecord;
import dev.strata.storage.write.WriteResult;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: WAL → head → parts → manifest, with background sealing, compaction and retention.
 *
 * <p>Write path: under the read side of the <em>cut lock</em>, a write resolves its series or
 * streams, appends its WAL records (group commit), then appends to the active head and returns.
 * A seal takes the write side of the cut lock for an instant: it rotates the WAL (everything
 * before the new segment is in the frozen head) and swaps in a new head; it then writes the
 * frozen head's parts and commits them to the manifest together with the new segment number as
 * the WAL checkpoint, and only then trims older segments. Replay at open reads only segments at or
 * above the checkpoint, so sealed data is never replayed twice. Thread-safe.
 */
public final class ColumnStore implements Store, LabelLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ColumnStore.class);
    private static final String WAL_DIR = "wal";
    /** A thread keeps its WAL encoders for the next write while they are at most this large. */
    private static final int REUSED_ENCODER_BYTES = 4 << 20;

    private final StorageConfig config;
    private final PartWriter partWriter;
    private final PartReader partReader;
    private final BufferAllocator allocator;
    private final boolean ownsAllocator;
    private final StorageMetrics metrics;
    private final ManifestFile manifestFile;
    private final PartIds partIds;
    private final PartFiles partFiles;
    private final HeadSealer sealer;
    private final ScanPlanner planner;
    private final CompactionJob compaction;
    private final RetentionJob retention;
    private final ReentrantLock maintenanceLock = new ReentrantLock();
    private final ConcurrentHashMap<String, TenantRegistry> registries = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock cutLock = new ReentrantReadWriteLock();
    private final ReentrantLock sealLock = new ReentrantLock();
    private final Object state = new Object();
    private final AtomicBoolean sealRequested = new AtomicBoolean();
    private final ScheduledExecutorService background;
    // per writing thread: the SERIES, METADATA and SAMPLES record bodies of a sample write, reused
    // (a request's samples body is ~150 KB; it was allocated, then copied, for every request)
    private final ThreadLocal<WalEncoder[]> walEncoders = ThreadLocal.withInitial(
            () -> new WalEncoder[] {new WalEncoder(4096), new WalEncoder(1024), new WalEncoder(1 << 16)});
    private SegmentedWal wal;
    private volatile Head active;
    private volatile boolean closed;
    /** Bytes of the frozen heads still waiting for their parts to be committed. */
    private volatile long pendingBytes;
    // guarded by state
    private final List<PendingSeal> pending = new ArrayList<>();
    private Manifest manifest;
    private final Map<String, LivePart> liveParts = new HashMap<>();

    private record PendingSeal(Head head, long checkpoint) {}

    private ColumnStore(StorageConfig config, PartWriter partWriter, PartReader partReader, PrometheusRegistry registry,
            BufferAllocator allocator, boolean ownsAllocator) {
        this.config = config;
        this.partWriter = partWriter;
        this.partReader = partReader;
        this.allocator = allocator;
        this.ownsAllocator = ownsAllocator;
        this.metrics = new StorageMetrics(registry, new GaugeReader());
        this.manifestFile = new ManifestFile(config.dataDir());
        this.partIds = new PartIds(config.clock(), new SecureRandom());
        this.partFiles = new PartFiles(config.dataDir(), partWriter, partIds);
        this.sealer = new HeadSealer(partFiles, allocator, config.scanBatchRows(), config.clock());
        this.planner = new ScanPlanner(new SnapshotSource(), partReader, config.scanBatchRows(),
                new HeadSlicer(config.scanHeadSplitRows(), StorageConfig.MAX_HEAD_SPLITS));
        Catalog catalog = new Catalog();
        this.compaction = new CompactionJob(catalog, partReader, partFiles, allocator, config.compactionMinParts(),
                config.compactionSmallPartBytes(), config.scanBatchRows());
        this.retention = new RetentionJob(catalog, config);
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "strata-storage-jobs");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (or creates) the store in {@code config.dataDir()} with its own root allocator. */
    public static ColumnStore open(StorageConfig config, PartWriter partWriter, PartReader partReader, PrometheusRegistry metrics) {
        return open(config, partWriter, partReader, metrics, new RootAllocator(), true);
    }

    /** Opens the store; Arrow memory for sealing and compaction comes from {@code allocator} (not closed by the store). */
    public static ColumnStore open(StorageConfig config, PartWriter partWriter, PartReader partReader, PrometheusRegistry metrics,
            BufferAllocator allocator) {
        return open(config, partWriter, partReader, metrics, allocator, false);
    }

    private static ColumnStore open(StorageConfig config, PartWriter partWriter, PartReader partReader, PrometheusRegistry metrics,
            BufferAllocator allocator, boolean ownsAllocator) {
        requireNonNull(config, "config is null");
        requireNonNull(partWriter, "partWriter is null");
        requireNonNull(partReader, "partReader is null");
        requireNonNull(metrics, "metrics is null");
        requireNonNull(allocator, "allocator is null");
        ColumnStore store = new ColumnStore(config, partWriter, partReader, metrics, allocator, ownsAllocator);
        try {
            store.recover();
        } catch (RuntimeException e) {
            store.background.shutdownNow();
            if (ownsAllocator) {
                allocator.close();
            }
            throw e;
        }
        long periodMillis = config.backgroundInterval().toMillis();
        store.background.scheduleWithFixedDelay(store::backgroundTick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return store;
    }

    // ---------------------------------------------------------------- recovery

    private void recover() {
        long start = System.nanoTime();
        Path dataDir = config.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_MANIFEST_IO, "cannot create data directory " + dataDir, e);
        }
        Manifest loaded = manifestFile.load();
        int orphans = deleteOrphans(loaded);
        synchronized (state) {
            manifest = loaded;
            for (PartMeta meta : loaded.parts()) {
                liveParts.put(meta.id(), new LivePart(meta, dataDir.resolve(meta.relativePath())));
            }
        }
        for (PartMeta meta : loaded.parts()) {
            if (meta.table().equals(TelemetryTables.SERIES)) {
                loadSeries(meta);
            } else if (meta.table().equals(TelemetryTables.LOGS)) {
                loadStreams(meta);
            }
        }
        Path walDir = dataDir.resolve(WAL_DIR);
        WalSegments.deleteBelow(walDir, loaded.walCheckpoint());
        long truncated = WalReplay.repair(walDir, loaded.walCheckpoint());
        Head head = new Head(config.clock().millis());
        long[] skipped = new long[1];
        // pass 1: series and metadata, so that samples find their series whatever the record order
        WalReplay.replay(walDir, loaded.walCheckpoint(), (segment, body, offset, length) -> {
            WalDecoder decoder = new WalDecoder(body, offset, length);
            WalRecordType type = WalRecordType.fromCode((byte) decoder.readByte());
            String tenant = decoder.readString();
            if (type == WalRecordType.SERIES) {
                TenantRegistry registry = registry(tenant);
                TenantHead tenantHead = head.tenant(tenant);
                WalRecords.decodeSeries(decoder, (id, labels) -> {
                    int ordinal = registry.series().resolve(id, labels);
                    if (ordinal < 0) {
                        tenantHead.noteNewSeries(-ordinal - 1);
                    }
                });
            } else if (type == WalRecordType.METADATA) {
                TenantRegistry registry = registry(tenant);
                for (MetricMetadata m : WalRecords.decodeMetadata(decoder)) {
                    registry.putMetadata(m);
                }
            }
        });
        WalReplay.Result replayed = WalReplay.replay(walDir, loaded.walCheckpoint(), (segment, body, offset, length) -> {
            WalDecoder decoder = new WalDecoder(body, offset, length);
            WalRecordType type = WalRecordType.fromCode((byte) decoder.readByte());
            String tenant = decoder.readString();
            switch (type) {
                case SAMPLES -> {
                    TenantRegistry registry = registry(tenant);
                    TenantHead tenantHead = head.tenant(tenant);
                    WalRecords.decodeSamples(decoder, (id, ts, values, count) -> {
                        int ordinal = registry.series().ordinal(id);
                        if (ordinal < 0) {
                            skipped[0] += count;
                            return;
                        }
                        appendSeries(head, tenantHead, registry, ordinal, ts, values, count);
                    });
                }
                case LOGS -> appendLogs(head, tenant, WalRecords.decodeLogs(decoder));
                case SPANS -> appendSpans(head, tenant, WalRecords.decodeSpans(decoder));
                case SERIES, METADATA -> { }
            }
        });
        active = head;
        wal = SegmentedWal.open(walDir, loaded.walCheckpoint(), config.walSegmentBytes(), config.fsyncPolicy(), metrics);
        LOG.info("storage opened [dir={}, parts={}, orphansDeleted={}, walRecords={}, walBytes={}, tornBytes={}, headRows={}, "
                        + "unknownSeriesSamples={}, millis={}]",
                dataDir, loaded.parts().size(), orphans, replayed.records(), replayed.bytes(), truncated, head.rows(), skipped[0],
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Deletes part files (and their companions) the manifest does not list, left by a crash
     * mid-seal or mid-compaction, and everything in the temp directory.
     */
    private int deleteOrphans(Manifest loaded) {
        Set<String> live = new HashSet<>();
        for (PartMeta meta : loaded.parts()) {
            live.add(config.dataDir().resolve(meta.relativePath()).getParent().normalize() + "/" + meta.id());
        }
        int deleted = 0;
        for (String dir : List.of(PartLayout.PARTS_DIR, PartLayout.TEMP_DIR)) {
            Path root = config.dataDir().resolve(dir);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    if (!live.contains(file.getParent().normalize() + "/" + PartLayout.partIdOf(file))) {
                        Files.deleteIfExists(file);
                        deleted++;
                    }
                }
            } catch (IOException e) {
                throw new StrataException(StorageErrorCode.STORAGE_PART_IO, "cannot clean up parts in " + root, e);
            }
        }
        return deleted;
    }

    private void loadSeries(PartMeta meta) {
        TenantRegistry registry = registry(meta.tenant());
        List<String> columns = PartLayout.storedColumns(TelemetryTables.SERIES);
        try (BatchReader reader = partReader.open(config.dataDir().resolve(meta.relativePath()), meta, columns, TimeRange.ALL, null,
                allocator)) {
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                BigIntVector ids = (BigIntVector) root.getVector("series_id");
                VarCharVector metric = (VarCharVector) root.getVector("metric");
                MapVector labels = (MapVector) root.getVector("labels");
                VarCharVector type = (VarCharVector) root.getVector("metric_type");
                VarCharVector help = (VarCharVector) root.getVector("help");
                VarCharVector unit = (VarCharVector) root.getVector("unit");
                Labels.Builder builder = Labels.builder();
                for (int r = 0; r < root.getRowCount(); r++) {
                    builder.clear();
                    ArrowColumns.readStringMap(labels, r, builder);
                    String name = ArrowColumns.getString(metric, r);
                    if (name != null && !name.isEmpty()) {
                        builder.add(Labels.METRIC_NAME, name);
                    }
                    registry.series().addPersisted(ids.get(r), builder.build());
                    String typeName = ArrowColumns.getString(type, r);
                    if (typeName != null && name != null && registry.metadataFor(name) == null) {
                        registry.putMetadata(new MetricMetadata(name, MetricType.valueOf(typeName.toUpperCase(Locale.ROOT)),
                                Optional.ofNullable(ArrowColumns.getString(help, r)).orElse(""),
                                Optional.ofNullable(ArrowColumns.getString(unit, r)).orElse("")));
                    }
                }
            }
        }
    }

    private void loadStreams(PartMeta meta) {
        TenantRegistry registry = registry(meta.tenant());
        try (BatchReader reader = partReader.open(config.dataDir().resolve(meta.relativePath()), meta, List.of("stream_id", "labels"),
                TimeRange.ALL, null, allocator)) {
            Labels.Builder builder = Labels.builder();
            while (reader.loadNext()) {
                VectorSchemaRoot root = reader.root();
                BigIntVector ids = (BigIntVector) root.getVector(0);
                MapVector labels = (MapVector) root.getVector(1);
                long previous = 0;
                for (int r = 0; r < root.getRowCount(); r++) {
                    long id = ids.get(r);
                    if (r > 0 && id == previous) {
                        continue; // rows are sorted by stream: one lookup per run
                    }
                    previous = id;
                    if (registry.streams().ordinal(id) < 0) {
                        builder.clear();
                        ArrowColumns.readStringMap(labels, r, builder);
                        registry.streams().addPersisted(id, builder.build());
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- writes

    private TenantRegistry registry(String tenant) {
        return registries.computeIfAbsent(tenant, TenantRegistry::new);
    }

    private void ensureOpen() {
        if (closed) {
            throw new StrataException(StorageErrorCode.STORAGE_CLOSED, "store is closed");
        }
    }

    /**
     * Refuses writes while the heads not yet in parts hold more than twice the seal threshold
     * (seals keep failing, or cannot keep up): memory stays bounded and clients retry later.
     */
    private void checkHeadRoom() {
        long held = pendingBytes + active.bytes();
        if (held > 2 * config.headMaxBytes()) {
            throw new StrataException(StorageErrorCode.STORAGE_HEAD_FULL,
                    "the head holds %d bytes not yet sealed into parts (limit %d); retry later".formatted(held, 2 * config.headMaxBytes()));
        }
    }

    /** Oldest accepted time (ms) for the table and tenant, or Long.MIN_VALUE. */
    private long cutoffMillis(String table, String tenant) {
        Optional<Duration> retention = config.retention(table, tenant);
        return retention.isEmpty() ? Long.MIN_VALUE : config.clock().millis() - retention.get().toMillis();
    }

    @Override
    public WriteResult writeSamples(String tenant, SampleBatch batch) {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(batch, "batch is null");
        ensureOpen();
        checkHeadRoom();
        TenantRegistry registry = registry(tenant);
        SampleWrite write = SampleWrite.of(batch.series(), cutoffMillis(TelemetryTables.SAMPLES, tenant));
        WalEncoder[] encoders = walEncoders.get();
        Head head;
        cutLock.readLock().lock();
        try {
            ensureOpen();
            head = active;
            TenantHead tenantHead = head.tenant(tenant);
            int created = write.resolve(registry.series());
            WalEncoder[] records = new WalEncoder[3];
            int count = 0;
            if (created > 0) {
                write.encodeNewSeries(encoders[0], tenant, created, tenantHead);
                records[count++] = encoders[0];
            }
            if (!batch.metadata().isEmpty()) {
                WalRecords.encodeMetadata(encoders[1], tenant, batch.metadata());
                records[count++] = encoders[1];
            }
            if (write.accepted > 0) {
                write.encodeSamples(encoders[2], tenant);
                records[count++] = encoders[2];
            }
            if (count > 0) {
                wal.append(Arrays.copyOf(records, count));
            }
            for (MetricMetadata m : batch.metadata()) {
                registry.putMetadata(m);
            }
            long bytes = write.append(tenantHead, registry.series());
            head.added(write.accepted, bytes);
        } finally {
            cutLock.readLock().unlock();
            releaseWalEncoders(encoders);
        }
        metrics.rowsWritten(TelemetryTables.SAMPLES, tenant, write.accepted, write.rejected);
        checkHeadLimits(head);
        String reason = write.collision != null ? write.collision : "sample older than the retention of tenant " + tenant;
        return new WriteResult(write.accepted, write.rejected, write.rejected == 0 ? null : reason);
    }

    /** Drops a thread's WAL encoders that grew past {@link #REUSED_ENCODER_BYTES} (one huge request), so they are not kept. */
    private void releaseWalEncoders(WalEncoder[] encoders) {
        for (WalEncoder encoder : encoders) {
            if (encoder.capacity() > REUSED_ENCODER_BYTES) {
                walEncoders.remove();
                return;
            }
        }
    }

    private static void appendSeries(Head head, TenantHead tenantHead, TenantRegistry registry, int ordinal, long[] ts, double[] values,
            int count) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int j = 0; j < count; j++) {
            min = Math.min(min, ts[j]);
            max = Math.max(max, ts[j]);
        }
        long bytes = tenantHead.appendSamples(ordinal, ts, values, 0, count, min, max);
        registry.series().noteTimes(ordinal, TimeRange.millisToNanos(min), TimeRange.millisToNanos(max));
        head.added(count, bytes);
    }

    @Override
    public WriteResult writeLogs(String tenant, LogBatch batch) {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(batch, "batch is null");
        ensureOpen();
        checkHeadRoom();
        long cutoffNanos = TimeRange.millisToNanos(cutoffMillis(TelemetryTables.LOGS, tenant));
        List<LogStream> streams = new ArrayList<>(batch.streams().size());
        long accepted = 0;
        long rejected = 0;
        for (LogStream stream : batch.streams()) {
            List<LogEntry> kept = stream.entries();
            for (LogEntry e : stream.entries()) {
                if (e.timestampNanos() < cutoffNanos) {
                    kept = new ArrayList<>();
                    for (LogEntry k : stream.entries()) {
                        if (k.timestampNanos() >= cutoffNanos) {
                            kept.add(k);
                        }
                    }
                    break;
                }
            }
            rejected += stream.entries().size() - kept.size();
            accepted += kept.size();
            if (!kept.isEmpty()) {
                streams.add(kept == stream.entries() ? stream : new LogStream(stream.labels(), kept));
            }
        }
        Head head;
        if (!streams.isEmpty()) {
            byte[] body = WalRecords.encodeLogs(tenant, streams);
            cutLock.readLock().lock();
            try {
                ensureOpen();
                head = active;
                wal.append(body);
                appendLogs(head, tenant, streams);
            } finally {
                cutLock.readLock().unlock();
            }
            checkHeadLimits(head);
        }
        metrics.rowsWritten(TelemetryTables.LOGS, tenant, accepted, rejected);
        return new WriteResult(accepted, rejected, rejected == 0 ? null : "log line older than the retention of tenant " + tenant);
    }

    private void appendLogs(Head head, String tenant, List<LogStream> streams) {
        TenantRegistry registry = registry(tenant);
        TenantHead tenantHead = head.tenant(tenant);
        for (LogStream stream : streams) {
            long id = stream.labels().stableHash();
            int ordinal = registry.streams().resolve(id, stream.labels());
            if (ordinal < 0) {
                ordinal = -ordinal - 1;
            }
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            for (LogEntry e : stream.entries()) {
                min = Math.min(min, e.timestampNanos());
                max = Math.max(max, e.timestampNanos());
            }
            long bytes = tenantHead.appendLogs(ordinal, stream.entries(), min, max);
            registry.streams().noteTimes(ordinal, min, max);
            head.added(stream.entries().size(), bytes);
        }
    }

    @Override
    public WriteResult writeSpans(String tenant, SpanBatch batch) {
        requireNonNull(tenant, "tenant is null");
        requireNonNull(batch, "batch is null");
        ensureOpen();
        checkHeadRoom();
        long cutoffNanos = TimeRange.millisToNanos(cutoffMillis(TelemetryTables.SPANS, tenant));
        List<SpanRecord> kept = batch.spans();
        for (SpanRecord s : batch.spans()) {
            if (s.startNanos() < cutoffNanos) {
                kept = new ArrayList<>();
                for (SpanRecord k : batch.spans()) {
                    if (k.startNanos() >= cutoffNanos) {
                        kept.add(k);
                    }
                }
                break;
            }
        }
        long rejected = batch.spans().size() - kept.size();
        if (!kept.isEmpty()) {
            byte[] body = WalRecords.encodeSpans(tenant, kept);
            Head head;
            cutLock.readLock().lock();
            try {
                ensureOpen();
                head = active;
                wal.append(body);
                appendSpans(head, tenant, kept);
            } finally {
                cutLock.readLock().unlock();
            }
            checkHeadLimits(head);
        }
        metrics.rowsWritten(TelemetryTables.SPANS, tenant, kept.size(), rejected);
        return new WriteResult(kept.size(), rejected, rejected == 0 ? null : "span older than the retention of tenant " + tenant);
    }

    private void appendSpans(Head head, String tenant, List<SpanRecord> spans) {
        long bytes = head.tenant(tenant).appendSpans(spans);
        head.added(spans.size(), bytes);
    }

    private void checkHeadLimits(Head head) {
        if ((head.rows() >= config.headMaxRows() || head.bytes() >= config.headMaxBytes()) && sealRequested.compareAndSet(false, true)) {
            try {
                background.execute(() -> {
                    sealRequested.set(false);
                    runJob("flush", this::seal);
                });
            } catch (RejectedExecutionException closing) {
                sealRequested.set(false); // the store is closing; close() seals
            }
        }
    }

    // ---------------------------------------------------------------- seal

    @Override
    public void flush() {
        ensureOpen();
        long start = System.nanoTime();
        boolean ok = false;
        try {
            seal();
            ok = true;
        } finally {
            metrics.jobRun("flush", ok, System.nanoTime() - start);
        }
    }

    /** Cuts the active head (if it holds anything) and commits every pending generation as parts, oldest first. */
    private void seal() {
        sealLock.lock();
        try {
            cutLock.writeLock().lock();
            try {
                Head frozen = active;
                if (!frozen.isEmpty()) {
                    long checkpoint = wal.rotate();
                    synchronized (state) {
                        pending.add(new PendingSeal(frozen, checkpoint));
                        pendingBytes += frozen.bytes();
                        active = new Head(config.clock().millis());
                    }
                }
            } finally {
                cutLock.writeLock().unlock();
            }
            while (true) {
                PendingSeal next;
                synchronized (state) {
                    if (pending.isEmpty()) {
                        return;
                    }
                    next = pending.get(0);
                }
                long start = System.nanoTime();
                List<PartMeta> parts = sealer.seal(next.head(), this::registry);
                synchronized (state) {
                    commit(parts, List.of(), next.checkpoint());
                    pending.remove(0);
                    pendingBytes -= next.head().bytes();
                }
                int trimmed = WalSegments.deleteBelow(config.dataDir().resolve(WAL_DIR), next.checkpoint());
                LOG.info("head sealed [rows={}, parts={}, walCheckpoint={}, segmentsTrimmed={}, millis={}]", next.head().rows(),
                        parts.size(), next.checkpoint(), trimmed, (System.nanoTime() - start) / 1_000_000);
            }
        } finally {
            sealLock.unlock();
        }
    }

    /** Commits a manifest change; the caller holds {@code state}. Removed parts lose their manifest reference. */
    private void commit(List<PartMeta> added, List<String> removed, long checkpoint) {
        Manifest next = manifest.next(added, removed, checkpoint);
        manifestFile.commit(next);
        manifest = next;
        for (PartMeta meta : added) {
            liveParts.put(meta.id(), new LivePart(meta, config.dataDir().resolve(meta.relativePath())));
        }
        for (String id : removed) {
            LivePart part = liveParts.remove(id);
            if (part != null) {
                part.release();
            }
        }
    }

    /** The parts as compaction and retention see them. */
    private final class Catalog implements PartCatalog {
        @Override
        public List<PartMeta> liveParts() {
            synchronized (state) {
                return manifest.parts();
            }
        }

        @Override
        public Path file(PartMeta part) {
            return config.dataDir().resolve(part.relativePath());
        }

        @Override
        public void replaceParts(List<PartMeta> added, List<String> removedIds) {
            synchronized (state) {
                for (String id : removedIds) {
                    if (!liveParts.containsKey(id)) {
                        throw new IllegalStateException("part " + id + " is no longer live");
                    }
                }
                commit(added, removedIds, manifest.walCheckpoint());
            }
        }
    }

    /** Runs compaction now (it also runs in the background); returns the number of merges. */
    public int compact() {
        ensureOpen();
        maintenanceLock.lock();
        long start = System.nanoTime();
        boolean ok = false;
        try {
            int merged = compaction.runOnce();
            ok = true;
            return merged;
        } finally {
            maintenanceLock.unlock();
            metrics.jobRun("compaction", ok, System.nanoTime() - start);
        }
    }

    /** Drops expired parts now (it also runs in the background); returns how many. */
    public int applyRetention() {
        ensureOpen();
        maintenanceLock.lock();
        long start = System.nanoTime();
        boolean ok = false;
        try {
            int dropped = retention.runOnce();
            ok = true;
            return dropped;
        } finally {
            maintenanceLock.unlock();
            metrics.jobRun("retention", ok, System.nanoTime() - start);
        }
    }

    /** Parts committed now, for tests and admin views. */
    public List<PartMeta> parts() {
        synchronized (state) {
            return manifest.parts();
        }
    }

    // ---------------------------------------------------------------- background

    private void backgroundTick() {
        try {
            Head head = active;
            long ageMillis = config.clock().millis() - head.createdMillis();
            if (head.rows() > 0 && (ageMillis >= config.headMaxAge().toMillis() || head.rows() >= config.headMaxRows()
                    || head.bytes() >= config.headMaxBytes())) {
                runJob("flush", this::seal);
            }
            applyRetention();
            compact();
        } catch (RuntimeException e) {
            LOG.error("storage background run failed [error={}]", e.toString(), e);
        }
    }

    private void runJob(String name, Runnable job) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            job.run();
            ok = true;
        } catch (RuntimeException e) {
            LOG.error("storage job failed [job={}, error={}]", name, e.toString(), e);
        } finally {
            metrics.jobRun(name, ok, System.nanoTime() - start);
        }
    }

    // ---------------------------------------------------------------- scans

    @Override
    public Set<String> tenants() {
        Set<String> tenants = new TreeSet<>(registries.keySet());
        synchronized (state) {
            for (PartMeta p : manifest.parts()) {
                tenants.add(p.tenant());
            }
        }
        return Collections.unmodifiableSet(tenants);
    }

    @Override
    public org.apache.arrow.vector.types.pojo.Schema schema(String table) {
        return planner.schema(table);
    }

    @Override
    public List<Split> splits(ScanRequest request) {
        ensureOpen();
        return planner.splits(request);
    }

    @Override
    public BatchReader open(ScanRequest request, Split split, BufferAllocator allocator) {
        return planner.open(request, split, allocator);
    }

    @Override
    public void release(List<Split> splits) {
        planner.release(splits);
    }

    @Override
    public List<String> labelNames(String tenant, String table, List<LabelMatcher> matchers, TimeRange range) {
        LabelSetRegistry sets = labelSets(tenant, table);
        return sets == null ? List.of() : sets.labelNames(matchers, range);
    }

    @Override
    public List<String> labelValues(String tenant, String table, String name, List<LabelMatcher> matchers, TimeRange range) {
        LabelSetRegistry sets = labelSets(tenant, table);
        return sets == null ? List.of() : sets.labelValues(name, matchers, range);
    }

    @Override
    public List<Labels> labelSets(String tenant, String table, List<LabelMatcher> matchers, TimeRange range) {
        LabelSetRegistry sets = labelSets(tenant, table);
        return sets == null ? List.of() : sets.sets(matchers, range);
    }

    @Override
    public List<MetricMetadata> metricMetadata(String tenant) {
        TenantRegistry registry = registries.get(tenant);
        return registry == null ? List.of() : registry.metadata();
    }

    /** The series (samples, series) or streams (logs) of a tenant, or null when it has none. */
    private LabelSetRegistry labelSets(String tenant, String table) {
        TenantRegistry registry = registries.get(tenant);
        if (registry == null) {
            return null;
        }
        return switch (table) {
            case TelemetryTables.SAMPLES, TelemetryTables.SERIES -> registry.series();
            case TelemetryTables.LOGS -> registry.streams();
            default -> throw new StrataException(StorageErrorCode.STORAGE_UNKNOWN_TABLE, "no label index for table " + table);
        };
    }

    private final class SnapshotSource implements ScanSnapshot.Source {
        @Override
        public ScanSnapshot acquire(String tenant, String table) {
            synchronized (state) {
                List<Head> heads = new ArrayList<>(pending.size() + 1);
                for (PendingSeal p : pending) {
                    heads.add(p.head());
                }
                heads.add(active);
                List<LivePart> parts = new ArrayList<>();
                for (PartMeta meta : manifest.parts()) {
                    if (meta.table().equals(table) && meta.tenant().equals(tenant)) {
                        LivePart part = liveParts.get(meta.id());
                        if (part != null && part.acquire()) {
                            parts.add(part);
                        }
                    }
                }
                return new ScanSnapshot(heads, parts);
            }
        }

        @Override
        public TenantRegistry registry(String tenant) {
            return registries.get(tenant);
        }

        @Override
        public Set<String> tenants() {
            return ColumnStore.this.tenants();
        }
    }

    private final class GaugeReader implements StorageMetrics.Gauges {
        @Override
        public long headRows(String table) {
            long rows = 0;
            Head head = active;
            if (head != null) {
                for (TenantHead t : head.tenants()) {
                    rows += t.rows(table);
                }
            }
            return rows;
        }

        @Override
        public long labelSets(String table) {
            long n = 0;
            for (TenantRegistry r : registries.values()) {
                n += table.equals(TelemetryTables.LOGS) ? r.streams().size() : r.series().size();
            }
            return n;
        }

        @Override
        public long parts(String table) {
            synchronized (state) {
                return manifest == null ? 0 : manifest.parts().stream().filter(p -> p.table().equals(table)).count();
            }
        }

        @Override
        public long partBytes(String table) {
            synchronized (state) {
                return manifest == null ? 0 : manifest.parts().stream().filter(p -> p.table().equals(table)).mapToLong(PartMeta::sizeBytes).sum();
            }
        }
    }

    // ---------------------------------------------------------------- close

    @Override
    public void close() {
        close(true);
    }

    /** Closes without the final seal: the WAL keeps what the heads hold (see {@link Store#discard}). */
    @Override
    public void discard() {
        close(false);
    }

    private void close(boolean isSealing) {
        if (closed) {
            return;
        }
        background.shutdown();
        try {
            background.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RuntimeException failure = null;
        try {
            if (isSealing) {
                seal();
            }
        } catch (RuntimeException e) {
            // the WAL still holds everything: the next open replays it
            LOG.error("final seal failed [error={}]", e.toString(), e);
            failure = e;
        }
        cutLock.writeLock().lock();
        try {
            closed = true;
            wal.close();
        } finally {
            cutLock.writeLock().unlock();
        }
        if (ownsAllocator) {
            allocator.close();
        }
        LOG.info("storage closed [dir={}]", config.dataDir());
        if (failure != null) {
            throw failure;
        }
    }
}
