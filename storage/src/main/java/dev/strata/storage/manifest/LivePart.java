package dev.strata.storage.manifest;

import static java.util.Objects.requireNonNull;

import dev.strata.storage.part.ParsedPart;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A part file (with its companion files {@code <id>.*}) and a reference count: one reference for being in the manifest, one per scan
 * snapshot that holds it. When the manifest drops it (compaction, retention) and the last scan
 * releases it, the file is deleted. While it lives it keeps the file's parsed footer and index
 * ({@link ParsedPart}, decision 0024), parsed on the first scan and dropped with the last
 * reference, so scans do not parse them per open and nothing outlives the file. Thread-safe.
 */
public final class LivePart {
    private static final Logger LOG = LoggerFactory.getLogger(LivePart.class);

    private final PartMeta meta;
    private final Path file;
    private final AtomicInteger references = new AtomicInteger(1);
    // the file is immutable, so its row-group count is read once; -1 until then
    private volatile int rowGroupCount = -1;
    // null until the first scan parses the file, and again once the last reference is gone
    private ParsedPart parsed;
    private boolean parsedDropped;

    public LivePart(PartMeta meta, Path file) {
        this.meta = requireNonNull(meta, "meta is null");
        this.file = requireNonNull(file, "file is null");
    }

    public PartMeta meta() {
        return meta;
    }

    public Path file() {
        return file;
    }

    /** The row groups of the file, read by {@code reader} on the first call and kept. */
    public int rowGroupCount(PartReader reader) {
        int count = rowGroupCount;
        if (count < 0) {
            ParsedPart part = parsed(reader);
            count = part != null ? part.rowGroupCount() : reader.rowGroupCount(file, meta);
            rowGroupCount = count;
        }
        return count;
    }

    /**
     * The file's parsed footer and index, parsed by {@code reader} on the first call and kept
     * until the last reference is released; null when the reader keeps nothing. The caller must
     * hold a reference.
     */
    public ParsedPart parsed(PartReader reader) {
        synchronized (this) {
            if (parsed != null) {
                return parsed;
            }
            if (parsedDropped) {
                throw new IllegalStateException("part " + meta.id() + " read after its last reference was released");
            }
            // parsing under the lock: the parts' first scans wait for one parse instead of each doing it
            parsed = reader.parse(file, meta);
            return parsed;
        }
    }

    /** The kept parse, or null when none is kept (never parsed, or the part is gone). */
    public synchronized ParsedPart cachedParse() {
        return parsed;
    }

    /** Takes a reference for a scan snapshot; false when the part is already gone. */
    public boolean acquire() {
        while (true) {
            int n = references.get();
            if (n <= 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference (a scan's, or the manifest's when the part is removed); the last one deletes the file. */
    public void release() {
        int n = references.decrementAndGet();
        if (n == 0) {
            synchronized (this) {
                if (parsed != null) {
                    // gives its decompressed chunks' bytes back to the reader's budget
                    parsed.close();
                }
                parsed = null;
                parsedDropped = true;
            }
            try (var companions = Files.newDirectoryStream(file.getParent(), meta.id() + ".*")) {
                // companions (a sidecar index) first, the Parquet file last
                for (Path companion : companions) {
                    if (!companion.equals(file)) {
                        Files.deleteIfExists(companion);
                    }
                }
                Files.deleteIfExists(file);
                LOG.debug("part deleted [id={}, table={}, tenant={}]", meta.id(), meta.table(), meta.tenant());
            } catch (IOException e) {
                // left behind: the next open deletes it as an orphan
                LOG.warn("part delete failed [id={}, error={}]", meta.id(), e.toString());
            }
        } else if (n < 0) {
            throw new IllegalStateException("part " + meta.id() + " released more often than acquired");
        }
    }

    public int references() {
        return references.get();
    }
}
