package dev.strata.storage.wal;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Names and lists the segment files of a WAL directory ({@code <seq>}, ten digits). */
public final class WalSegments {
    /** Bytes before each record body: body length (int) and CRC32C of the body (int). */
    public static final int HEADER_BYTES = 8;
    /** Larger bodies are treated as corruption (a torn length field). */
    public static final int MAX_BODY_BYTES = 256 << 20;

    private WalSegments() {}

    public static Path segmentPath(Path walDir, long seq) {
        return walDir.resolve(String.format("%010d", seq));
    }

    /** Sequence numbers of the segment files, ascending; other files are ignored. */
    public static List<Long> list(Path walDir) {
        List<Long> seqs = new ArrayList<>();
        if (!Files.isDirectory(walDir)) {
            return seqs;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(walDir)) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    seqs.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "cannot list WAL directory " + walDir, e);
        }
        Collections.sort(seqs);
        return seqs;
    }

    /** Deletes every segment below {@code seq}; returns how many went. */
    public static int deleteBelow(Path walDir, long seq) {
        int deleted = 0;
        for (long s : list(walDir)) {
            if (s < seq) {
                try {
                    Files.deleteIfExists(segmentPath(walDir, s));
                    deleted++;
                } catch (IOException e) {
                    throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "cannot delete WAL segment " + s, e);
                }
            }
        }
        return deleted;
    }

    /** Fsyncs a directory so that creations, renames and deletions in it survive a crash. */
    public static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some file systems refuse to open directories; the rename itself is still atomic there
            if (!(e instanceof java.nio.file.AccessDeniedException)) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
