package dev.strata.storage.part;

import dev.strata.spi.error.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The sidecar index of a part ({@code <id>.idx} next to {@code <id>.parquet}): per row group its
 * time span and exact id set, so a reader skips row groups without opening the Parquet footer's
 * statistics (which only give min/max ids), and, from version 2 on, where each id's rows lie in
 * its group, so a reader decodes only the rows of the wanted ids. Layout (docs/format/parts.md):
 * magic {@code STIX}, version byte, varint row-group count, then per group varints of first row,
 * row count, zig-zag min time, (max - min) time, id count, first id (zig-zag) and the id gaps;
 * version 2 adds per group a runs flag byte and, when it is 1, per id the zig-zag gap of its run's
 * start to the previous id's and the run's length; then a CRC-32C of everything before it, 4 bytes
 * big-endian. Version 1 files (no runs) are still read.
 */
public record PartIndex(List<RowGroupIndex> rowGroups) {
    private static final byte[] MAGIC = {'S', 'T', 'I', 'X'};
    private static final int VERSION = 2;
    private static final int VERSION_WITHOUT_RUNS = 1;

    public PartIndex {
        rowGroups = List.copyOf(rowGroups);
    }

    /** The sidecar path of a part file: same name, {@code .idx} instead of {@code .parquet}. */
    public static Path sidecarOf(Path partFile) {
        String name = partFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return partFile.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".idx");
    }

    /** Writes the index to {@code file} and fsyncs it before returning. */
    public void write(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + rowGroups.size() * 32);
        out.write(MAGIC);
        out.write(VERSION);
        writeVarLong(out, rowGroups.size());
        for (RowGroupIndex g : rowGroups) {
            writeVarLong(out, g.firstRow());
            writeVarLong(out, g.rowCount());
            writeVarLong(out, zigZag(g.minTimeNanos()));
            writeVarLong(out, g.maxTimeNanos() - g.minTimeNanos());
            long[] ids = g.ids();
            writeVarLong(out, ids.length);
            long previous = 0;
            for (int i = 0; i < ids.length; i++) {
                // ids are sorted, so every gap after the first is positive; signed ids wrap through zig-zag
                writeVarLong(out, i == 0 ? zigZag(ids[0]) : ids[i] - previous);
                previous = ids[i];
            }
            if (g.hasRuns()) {
                out.write(1);
                int[] starts = g.runStarts();
                int[] lengths = g.runLengths();
                for (int i = 0; i < starts.length; i++) {
                    // in id order runs usually start ever later, but nothing here relies on it
                    writeVarLong(out, zigZag((long) starts[i] - (i == 0 ? 0 : starts[i - 1])));
                    writeVarLong(out, lengths[i]);
                }
            } else {
                out.write(0);
            }
        }
        CRC32C crc = new CRC32C();
        byte[] body = out.toByteArray();
        crc.update(body);
        ByteBuffer buffer = ByteBuffer.allocate(body.length + 4);
        buffer.put(body).putInt((int) crc.getValue()).flip();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    public static PartIndex read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < MAGIC.length + 5) {
            throw corrupt(file, "too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if ((int) crc.getValue() != in.getInt(bytes.length - 4)) {
            throw corrupt(file, "checksum mismatch");
        }
        for (byte b : MAGIC) {
            if (in.get() != b) {
                throw corrupt(file, "bad magic");
            }
        }
        int version = in.get();
        if (version != VERSION && version != VERSION_WITHOUT_RUNS) {
            throw corrupt(file, "unknown version " + version);
        }
        int groups = (int) readVarLong(in);
        List<RowGroupIndex> rowGroups = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            long firstRow = readVarLong(in);
            long rowCount = readVarLong(in);
            long minTime = unZigZag(readVarLong(in));
            long maxTime = minTime + readVarLong(in);
            long[] ids = new long[(int) readVarLong(in)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i == 0 ? unZigZag(readVarLong(in)) : ids[i - 1] + readVarLong(in);
            }
            byte runsFlag = version == VERSION_WITHOUT_RUNS ? 0 : in.get();
            if (runsFlag == 0) {
                rowGroups.add(new RowGroupIndex(firstRow, rowCount, minTime, maxTime, ids));
                continue;
            }
            if (runsFlag != 1) {
                throw corrupt(file, "bad runs flag " + runsFlag);
            }
            int[] starts = new int[ids.length];
            int[] lengths = new int[ids.length];
            long start = 0;
            for (int i = 0; i < ids.length; i++) {
                start += unZigZag(readVarLong(in));
                long length = readVarLong(in);
                if (start < 0 || length < 0 || start + length > rowCount) {
                    throw corrupt(file, "run of id " + ids[i] + " outside its row group");
                }
                starts[i] = (int) start;
                lengths[i] = (int) length;
            }
            rowGroups.add(new RowGroupIndex(firstRow, rowCount, minTime, maxTime, ids, starts, lengths));
        }
        return new PartIndex(rowGroups);
    }

    private static StrataException corrupt(Path file, String why) {
        return new StrataException(PartErrorCode.CORRUPT_PART, "corrupt part index " + file + ": " + why);
    }

    private static long zigZag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unZigZag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarLong(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new StrataException(PartErrorCode.CORRUPT_PART, "varint longer than 10 bytes in part index");
    }
}
