package dev.strata.storage.wal;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.StorageErrorCode;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads WAL segments back in order. A bad record (short header, impossible length, short body,
 * CRC mismatch, unknown type) in the last segment is a torn tail from a crash: {@link #repair}
 * truncates the segment there. The same in any earlier segment cannot come from a crash (a
 * segment is fsynced before the next one starts) and fails with {@code STORAGE_WAL_CORRUPT}.
 */
public final class WalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(WalReplay.class);

    /** Receives each good record body; {@code body[offset]} is the type byte. */
    @FunctionalInterface
    public interface RecordConsumer {
        void accept(long segment, byte[] body, int offset, int length);
    }

    /** What a pass saw. */
    public record Result(long segments, long records, long bytes, long truncatedBytes) {}

    private WalReplay() {}

    /** Truncates a torn tail of the last segment at or above {@code fromSeq}; returns the bytes cut. */
    public static long repair(Path walDir, long fromSeq) {
        return read(walDir, fromSeq, null, true).truncatedBytes();
    }

    /** Feeds every record of segments at or above {@code fromSeq} to {@code consumer}, in order. */
    public static Result replay(Path walDir, long fromSeq, RecordConsumer consumer) {
        return read(walDir, fromSeq, consumer, false);
    }

    private static Result read(Path walDir, long fromSeq, RecordConsumer consumer, boolean repair) {
        List<Long> seqs = WalSegments.list(walDir);
        long records = 0;
        long bytes = 0;
        long truncated = 0;
        long segments = 0;
        CRC32C crc = new CRC32C();
        for (int i = 0; i < seqs.size(); i++) {
            long seq = seqs.get(i);
            if (seq < fromSeq) {
                continue;
            }
            segments++;
            boolean last = i == seqs.size() - 1;
            Path path = WalSegments.segmentPath(walDir, seq);
            byte[] data;
            try {
                data = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "cannot read WAL segment " + path, e);
            }
            int position = 0;
            while (position < data.length) {
                int bad = checkRecord(data, position, crc);
                if (bad >= 0) {
                    if (!last) {
                        throw new StrataException(StorageErrorCode.STORAGE_WAL_CORRUPT,
                                "corrupt WAL record in segment %d at offset %d (not the last segment)".formatted(seq, position));
                    }
                    long cut = data.length - position;
                    if (repair) {
                        truncate(path, position);
                        LOG.warn("wal torn tail truncated [segment={}, offset={}, bytes={}]", seq, position, cut);
                    }
                    truncated += cut;
                    break;
                }
                int length = readInt(data, position);
                if (consumer != null) {
                    consumer.accept(seq, data, position + WalSegments.HEADER_BYTES, length);
                }
                records++;
                position += WalSegments.HEADER_BYTES + length;
            }
            bytes += position;
        }
        return new Result(segments, records, bytes, truncated);
    }

    /** -1 when a good record starts at {@code position}, otherwise {@code position}. */
    private static int checkRecord(byte[] data, int position, CRC32C crc) {
        if (data.length - position < WalSegments.HEADER_BYTES) {
            return position;
        }
        int length = readInt(data, position);
        if (length <= 0 || length > WalSegments.MAX_BODY_BYTES || length > data.length - position - WalSegments.HEADER_BYTES) {
            return position;
        }
        int expected = readInt(data, position + 4);
        crc.reset();
        crc.update(data, position + WalSegments.HEADER_BYTES, length);
        if ((int) crc.getValue() != expected) {
            return position;
        }
        if (WalRecordType.fromCode(data[position + WalSegments.HEADER_BYTES]) == null) {
            return position;
        }
        return -1;
    }

    private static int readInt(byte[] data, int position) {
        return ((data[position] & 0xFF) << 24) | ((data[position + 1] & 0xFF) << 16)
                | ((data[position + 2] & 0xFF) << 8) | (data[position + 3] & 0xFF);
    }

    private static void truncate(Path path, long size) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(size);
            channel.force(true);
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "cannot truncate WAL segment " + path, e);
        }
    }
}
