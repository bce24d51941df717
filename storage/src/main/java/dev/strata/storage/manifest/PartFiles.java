package dev.strata.storage.manifest;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageErrorCode;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.part.PartSpec;
import dev.strata.storage.part.PartWriter;
import dev.strata.storage.wal.WalSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Iterator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Puts new part files in place: a fresh id, the hive-style path, the {@link PartWriter} writing
 * into {@code <data-dir>/tmp/} (outside the table globs), then a rename into place of its
 * companion files (e.g. a sidecar index, named {@code <id>.*}) and last of the Parquet file, and
 * an fsync of the directories. A file placed here
 * becomes visible only when the caller commits it to the manifest; until then it is an orphan
 * that the next open deletes. Thread-safe.
 */
public final class PartFiles {
    private final Path dataDir;
    private final PartWriter writer;
    private final PartIds ids;

    public PartFiles(Path dataDir, PartWriter writer, PartIds ids) {
        this.dataDir = requireNonNull(dataDir, "dataDir is null");
        this.writer = requireNonNull(writer, "writer is null");
        this.ids = requireNonNull(ids, "ids is null");
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Writes the batches (sorted, stored schema, borrowed) as one part and returns its metadata. */
    public PartMeta write(String table, String tenant, LocalDate day, int level, Iterator<VectorSchemaRoot> batches) {
        String id = ids.next();
        String relative = PartLayout.relativePath(table, tenant, day, id);
        Path file = dataDir.resolve(relative);
        Path tempDir = dataDir.resolve(PartLayout.TEMP_DIR);
        Path temp = tempDir.resolve(file.getFileName());
        try {
            Files.createDirectories(file.getParent());
            Files.createDirectories(tempDir);
            PartMeta meta = writer.write(new PartSpec(id, table, tenant, relative, level), batches, temp);
            try (var companions = Files.newDirectoryStream(tempDir, id + ".*")) {
                for (Path companion : companions) {
                    if (!companion.equals(temp)) {
                        Files.move(companion, file.resolveSibling(companion.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                    }
                }
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            // the day directory, and its parents when they were just created
            WalSegments.fsyncDirectory(file.getParent());
            WalSegments.fsyncDirectory(file.getParent().getParent());
            WalSegments.fsyncDirectory(file.getParent().getParent().getParent());
            return meta;
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_PART_IO, "cannot write %s part of tenant %s".formatted(table, tenant), e);
        }
    }
}
