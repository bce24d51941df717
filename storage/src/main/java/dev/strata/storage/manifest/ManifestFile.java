package dev.strata.storage.manifest;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageErrorCode;
import dev.strata.storage.part.PartMeta;
import dev.strata.storage.wal.WalSegments;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads and atomically replaces {@code <data-dir>/MANIFEST}: UTF-8 lines, fields separated by
 * single spaces and percent-encoded, closed by a CRC32C line over everything before it. A commit
 * writes {@code MANIFEST.tmp}, fsyncs it, renames it over {@code MANIFEST} and fsyncs the
 * directory. Not thread-safe; the store serialises commits.
 */
public final class ManifestFile {
    public static final String FILE_NAME = "MANIFEST";
    public static final String TEMP_NAME = "MANIFEST.tmp";
    private static final String MAGIC = "strata-manifest 1";

    private final Path dataDir;

    public ManifestFile(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path path() {
        return dataDir.resolve(FILE_NAME);
    }

    /** The committed manifest, or {@link Manifest#EMPTY} when none was ever committed. A leftover temp file is deleted. */
    public Manifest load() {
        try {
            Files.deleteIfExists(dataDir.resolve(TEMP_NAME));
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path());
            } catch (NoSuchFileException e) {
                return Manifest.EMPTY;
            }
            return parse(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_MANIFEST_IO, "cannot read manifest in " + dataDir, e);
        }
    }

    /** Makes {@code manifest} the committed state, atomically and durably. */
    public void commit(Manifest manifest) {
        byte[] bytes = render(manifest).getBytes(StandardCharsets.UTF_8);
        Path temp = dataDir.resolve(TEMP_NAME);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, path(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            WalSegments.fsyncDirectory(dataDir);
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_MANIFEST_IO, "cannot commit manifest in " + dataDir, e);
        }
    }

    static String render(Manifest manifest) {
        StringBuilder out = new StringBuilder();
        out.append(MAGIC).append('\n');
        out.append("generation ").append(manifest.generation()).append('\n');
        out.append("wal-checkpoint ").append(manifest.walCheckpoint()).append('\n');
        for (PartMeta p : manifest.parts()) {
            out.append("part ")
                    .append(encode(p.id())).append(' ')
                    .append(encode(p.table())).append(' ')
                    .append(encode(p.tenant())).append(' ')
                    .append(encode(p.relativePath())).append(' ')
                    .append(p.rowCount()).append(' ')
                    .append(p.sizeBytes()).append(' ')
                    .append(p.minTimeNanos()).append(' ')
                    .append(p.maxTimeNanos()).append(' ')
                    .append(p.minId()).append(' ')
                    .append(p.maxId()).append(' ')
                    .append(p.level()).append('\n');
        }
        CRC32C crc = new CRC32C();
        crc.update(out.toString().getBytes(StandardCharsets.UTF_8));
        out.append("crc32c ").append(String.format("%08x", crc.getValue())).append('\n');
        return out.toString();
    }

    static Manifest parse(String text) {
        int crcAt = text.lastIndexOf("crc32c ");
        if (!text.startsWith(MAGIC + "\n") || crcAt < 0) {
            throw corrupt("bad header or no checksum line");
        }
        CRC32C crc = new CRC32C();
        crc.update(text.substring(0, crcAt).getBytes(StandardCharsets.UTF_8));
        String expected = text.substring(crcAt + "crc32c ".length()).trim();
        if (!expected.equals(String.format("%08x", crc.getValue()))) {
            throw corrupt("checksum mismatch");
        }
        long generation = -1;
        long checkpoint = -1;
        List<PartMeta> parts = new ArrayList<>();
        String[] lines = text.substring(0, crcAt).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            switch (f[0]) {
                case "generation" -> generation = Long.parseLong(f[1]);
                case "wal-checkpoint" -> checkpoint = Long.parseLong(f[1]);
                case "part" -> {
                    if (f.length != 12) {
                        throw corrupt("part line with " + f.length + " fields");
                    }
                    parts.add(new PartMeta(decode(f[1]), decode(f[2]), decode(f[3]), decode(f[4]), Long.parseLong(f[5]),
                            Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]),
                            Long.parseLong(f[10]), Integer.parseInt(f[11])));
                }
                default -> throw corrupt("unknown line " + f[0]);
            }
        }
        if (generation < 0 || checkpoint < 0) {
            throw corrupt("generation or wal-checkpoint missing");
        }
        return new Manifest(generation, checkpoint, parts);
    }

    private static StrataException corrupt(String why) {
        return new StrataException(StorageErrorCode.STORAGE_MANIFEST_CORRUPT, "corrupt manifest: " + why);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
