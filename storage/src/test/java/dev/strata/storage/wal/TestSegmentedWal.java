package dev.strata.storage.wal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageErrorCode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class TestSegmentedWal {
    @TempDir
    Path dir;

    private static byte[] record(String tenant, long n) {
        WalEncoder encoder = new WalEncoder(64);
        encoder.begin(WalRecordType.SAMPLES, tenant);
        encoder.writeLong(n);
        encoder.writeLabels(Labels.of("__name__", "up", "job", "j" + n));
        return encoder.toByteArray();
    }

    private static List<Long> readAll(Path walDir, long from) {
        List<Long> values = new ArrayList<>();
        WalReplay.replay(walDir, from, (segment, body, offset, length) -> {
            WalDecoder decoder = new WalDecoder(body, offset, length);
            assertThat(WalRecordType.fromCode((byte) decoder.readByte())).isEqualTo(WalRecordType.SAMPLES);
            assertThat(decoder.readString()).isEqualTo("t");
            long n = decoder.readLong();
            assertThat(decoder.readLabels()).isEqualTo(Labels.of("__name__", "up", "job", "j" + n));
            assertThat(decoder.hasRemaining()).isFalse();
            values.add(n);
        });
        return values;
    }

    @Test
    void concurrentAppendsAreAllReplayedOnce() throws Exception {
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 4096, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        wal.append(record("t", thread * 1000L + i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }
        List<Long> values = readAll(dir, 0);
        assertThat(values).hasSize(1000);
        assertThat(new HashSet<>(values)).hasSize(1000);
        // 4 KiB segments: the WAL rolled over many times
        assertThat(WalSegments.list(dir).size()).isGreaterThan(5);
    }

    @Test
    void reusedEncodersWriteOnlyTheirBodies() {
        // two encoders reused for longer and shorter bodies: only the written bytes of each land, in order
        long[][] values = {{1_000_000_000L, 3}, {1, 700_000}, {5_000, 4}, {2, 6}};
        WalEncoder first = new WalEncoder(16);
        WalEncoder second = new WalEncoder(16);
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            for (long[] pair : values) {
                encode(first, pair[0]);
                encode(second, pair[1]);
                wal.append(first, second);
            }
        }
        assertThat(readAll(dir, 0)).containsExactly(1_000_000_000L, 3L, 1L, 700_000L, 5_000L, 4L, 2L, 6L);
    }

    private static void encode(WalEncoder encoder, long n) {
        encoder.begin(WalRecordType.SAMPLES, "t");
        encoder.writeLong(n);
        encoder.writeLabels(Labels.of("__name__", "up", "job", "j" + n));
    }

    @Test
    void rotateSplitsBeforeAndAfterAndTrimDropsOld() {
        long cut;
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.NEVER, WalListener.NONE)) {
            wal.append(record("t", 1));
            wal.append(record("t", 2));
            cut = wal.rotate();
            wal.append(record("t", 3));
        }
        assertThat(readAll(dir, 0)).containsExactly(1L, 2L, 3L);
        assertThat(readAll(dir, cut)).containsExactly(3L);
        WalSegments.deleteBelow(dir, cut);
        assertThat(readAll(dir, 0)).containsExactly(3L);
    }

    @Test
    void reopeningStartsANewSegment() {
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.interval(java.time.Duration.ofMillis(5)), WalListener.NONE)) {
            wal.append(record("t", 1));
        }
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            assertThat(wal.currentSegment()).isEqualTo(1);
            wal.append(record("t", 2));
        }
        assertThat(readAll(dir, 0)).containsExactly(1L, 2L);
    }

    @Test
    void tornTailOfLastSegmentIsTruncated() throws IOException {
        // cut the tenth record at every kind of place: inside the header, inside the body, one byte short
        for (int cutInto : new int[] {1, 4, 7, 8, 12, -1}) {
            Path walDir = dir.resolve("cut" + cutInto);
            try (SegmentedWal wal = SegmentedWal.open(walDir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
                for (int i = 0; i < 10; i++) {
                    wal.append(record("t", i));
                }
            }
            Path segment = WalSegments.segmentPath(walDir, 0);
            long size = Files.size(segment);
            int recordSize = (int) size / 10;
            long cut = cutInto < 0 ? size - 1 : size - recordSize + cutInto;
            try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
                file.setLength(cut);
            }
            assertThat(WalReplay.repair(walDir, 0)).isEqualTo(cut - (size - recordSize));
            assertThat(Files.size(segment)).isEqualTo(size - recordSize);
            assertThat(readAll(walDir, 0)).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(WalReplay.repair(walDir, 0)).isZero();
        }
    }

    @Test
    void zeroFilledTailIsTorn() throws IOException {
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            wal.append(record("t", 1));
        }
        Path segment = WalSegments.segmentPath(dir, 0);
        long size = Files.size(segment);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            file.setLength(size + 4096); // a file system that extended the file before the data reached it
        }
        assertThat(WalReplay.repair(dir, 0)).isEqualTo(4096);
        assertThat(readAll(dir, 0)).containsExactly(1L);
    }

    @Test
    void crcMismatchInLastSegmentCutsFromThere() throws IOException {
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            for (int i = 0; i < 10; i++) {
                wal.append(record("t", i));
            }
        }
        Path segment = WalSegments.segmentPath(dir, 0);
        int recordSize = (int) Files.size(segment) / 10;
        flipByte(segment, recordSize * 4L + 20); // inside the body of the fifth record
        WalReplay.repair(dir, 0);
        assertThat(readAll(dir, 0)).containsExactly(0L, 1L, 2L, 3L);
        assertThat(Files.size(segment)).isEqualTo(recordSize * 4L);
    }

    @Test
    void corruptionInAnEarlierSegmentFailsLoudly() throws IOException {
        try (SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE)) {
            wal.append(record("t", 1));
            wal.rotate();
            wal.append(record("t", 2));
        }
        flipByte(WalSegments.segmentPath(dir, 0), 12);
        assertThatThrownBy(() -> WalReplay.repair(dir, 0))
                .isInstanceOf(StrataException.class)
                .satisfies(e -> assertThat(((StrataException) e).errorCode()).isEqualTo(StorageErrorCode.STORAGE_WAL_CORRUPT.toErrorCode()));
    }

    /** Counts what the writer reports. */
    private static final class CountingListener implements WalListener {
        final java.util.concurrent.atomic.AtomicInteger syncs = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public void written(long written, int records) {
            bytes.addAndGet(written);
        }

        @Override
        public void synced(long nanos) {
            syncs.incrementAndGet();
        }
    }

    @Test
    void fsyncPolicies() throws InterruptedException {
        CountingListener always = new CountingListener();
        try (SegmentedWal wal = SegmentedWal.open(dir.resolve("always"), 0, 1 << 20, FsyncPolicy.ALWAYS, always)) {
            wal.append(record("t", 1));
            // acknowledged only after the fsync
            assertThat(always.syncs.get()).isEqualTo(1);
            wal.append(record("t", 2), record("t", 3));
            assertThat(always.syncs.get()).isEqualTo(2);
            assertThat(always.bytes.get()).isEqualTo(java.nio.file.Files.size(WalSegments.segmentPath(dir.resolve("always"), 0)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        CountingListener never = new CountingListener();
        try (SegmentedWal wal = SegmentedWal.open(dir.resolve("never"), 0, 1 << 20, FsyncPolicy.NEVER, never)) {
            wal.append(record("t", 1));
            assertThat(never.syncs.get()).isZero();
            wal.rotate(); // a closed segment is always fsynced
            assertThat(never.syncs.get()).isEqualTo(1);
        }

        CountingListener interval = new CountingListener();
        try (SegmentedWal wal = SegmentedWal.open(dir.resolve("interval"), 0, 1 << 20,
                FsyncPolicy.interval(java.time.Duration.ofMillis(20)), interval)) {
            wal.append(record("t", 1));
            // no further writes: the writer thread still fsyncs within the interval (waited for, not timed)
            for (int i = 0; i < 400 && interval.syncs.get() == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(interval.syncs.get()).isPositive();
        }
    }

    @Test
    void appendAfterCloseFails() {
        SegmentedWal wal = SegmentedWal.open(dir, 0, 1 << 20, FsyncPolicy.ALWAYS, WalListener.NONE);
        wal.close();
        assertThatThrownBy(() -> wal.append(record("t", 1))).isInstanceOf(StrataException.class);
        Set<Long> none = new HashSet<>(readAll(dir, 0));
        assertThat(none).isEmpty();
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5A);
        }
    }
}
