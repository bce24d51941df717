package dev.strata.storage.wal;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.error.StrataException;
import dev.strata.storage.FsyncPolicy;
import dev.strata.storage.StorageErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WAL's append side. Callers hand complete record bodies to {@link #append}; one writer
 * thread takes everything queued so far as a group, writes it with one call, fsyncs once (policy
 * {@code ALWAYS}) and only then completes the group's callers. A new segment starts once the
 * current one reaches the configured size (the old one is fsynced first, so only the last
 * segment can ever have a torn tail) and at every {@link #rotate} (a seal's cut). Thread-safe.
 */
public final class SegmentedWal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedWal.class);

    private final Path walDir;
    private final long segmentBytes;
    private final FsyncPolicy policy;
    private final WalListener listener;
    private final Object lock = new Object();
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final Thread writer;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer groupBuffer = ByteBuffer.allocate(1 << 16);
    private boolean closing;
    private Throwable failure;

    // owned by the writer thread
    private FileChannel channel;
    private long segmentSeq;
    private long segmentSize;
    private boolean dirty;
    private long lastSyncNanos;

    private SegmentedWal(Path walDir, long firstSeq, long segmentBytes, FsyncPolicy policy, WalListener listener) throws IOException {
        this.walDir = walDir;
        this.segmentBytes = segmentBytes;
        this.policy = policy;
        this.listener = listener;
        openSegment(firstSeq);
        this.writer = new Thread(this::run, "strata-wal-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Starts writing at a new segment numbered one above every existing one (and at least
     * {@code minSeq}); existing segments are never appended to.
     */
    public static SegmentedWal open(Path walDir, long minSeq, long segmentBytes, FsyncPolicy policy, WalListener listener) {
        requireNonNull(walDir, "walDir is null");
        requireNonNull(policy, "policy is null");
        requireNonNull(listener, "listener is null");
        try {
            Files.createDirectories(walDir);
            List<Long> existing = WalSegments.list(walDir);
            long first = existing.isEmpty() ? minSeq : Math.max(minSeq, existing.get(existing.size() - 1) + 1);
            return new SegmentedWal(walDir, first, segmentBytes, policy, listener);
        } catch (IOException e) {
            throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "cannot open WAL in " + walDir, e);
        }
    }

    /**
     * Appends record bodies (in this order, all in one group) and returns once they are written
     * and, under {@code ALWAYS}, fsynced.
     *
     * @throws StrataException {@code STORAGE_WAL_IO} when the write failed (the records may or may not be on disk)
     */
    public void append(byte[]... bodies) {
        requireNonNull(bodies, "bodies is null");
        int[] lengths = new int[bodies.length];
        for (int i = 0; i < bodies.length; i++) {
            lengths[i] = checkedLength(bodies[i].length);
        }
        await(submit(new Request(bodies, lengths)));
    }

    /**
     * Appends the bodies the encoders hold, as {@link #append(byte[]...)} does, without copying
     * them first: the writer thread reads the encoders' arrays, so the caller must not touch the
     * encoders until this returns (it returns only once the writer is done with them, also when
     * it throws); then they may be reused.
     */
    public void append(WalEncoder... records) {
        requireNonNull(records, "records is null");
        byte[][] bodies = new byte[records.length][];
        int[] lengths = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            bodies[i] = records[i].array();
            lengths[i] = checkedLength(records[i].size());
        }
        await(submit(new Request(bodies, lengths)));
    }

    private static int checkedLength(int length) {
        if (length == 0 || length > WalSegments.MAX_BODY_BYTES) {
            throw new IllegalArgumentException("WAL record body of " + length + " bytes");
        }
        return length;
    }

    /**
     * Closes the current segment (fsynced) and starts the next; returns the new segment's
     * number. Everything appended before this call lies in segments below it.
     */
    public long rotate() {
        Request request = new Request(null, null);
        await(submit(request));
        return request.rotatedTo;
    }

    /** The segment being written now. */
    public long currentSegment() {
        synchronized (lock) {
            return segmentSeq;
        }
    }

    private CompletableFuture<Void> submit(Request request) {
        synchronized (lock) {
            if (closing) {
                throw new StrataException(StorageErrorCode.STORAGE_CLOSED, "WAL is closed");
            }
            if (failure != null) {
                throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "WAL failed earlier: " + failure.getMessage(), failure);
            }
            queue.add(request);
            lock.notifyAll();
        }
        return request.done;
    }

    private static void await(CompletableFuture<Void> done) {
        try {
            done.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof StrataException se) {
                throw se;
            }
            throw new StrataException(StorageErrorCode.STORAGE_WAL_IO, "WAL write failed: " + cause, cause);
        }
    }

    private void run() {
        List<Request> group = new ArrayList<>();
        while (true) {
            boolean exit;
            synchronized (lock) {
                while (queue.isEmpty() && !closing && !intervalSyncDue()) {
                    try {
                        lock.wait(waitMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closing = true;
                    }
                }
                group.addAll(queue);
                queue.clear();
                exit = closing && group.isEmpty();
            }
            if (exit) {
                finish();
                return;
            }
            try {
                process(group);
                for (Request r : group) {
                    r.done.complete(null);
                }
            } catch (IOException | RuntimeException e) {
                LOG.error("wal write failed [segment={}, error={}]", segmentSeq, e.toString());
                synchronized (lock) {
                    failure = e;
                }
                for (Request r : group) {
                    r.done.completeExceptionally(new StrataException(StorageErrorCode.STORAGE_WAL_IO, "WAL write failed", e));
                }
            }
            group.clear();
        }
    }

    private boolean intervalSyncDue() {
        return policy.mode() == FsyncPolicy.Mode.INTERVAL && dirty
                && System.nanoTime() - lastSyncNanos >= policy.interval().toNanos();
    }

    private long waitMillis() {
        if (policy.mode() == FsyncPolicy.Mode.INTERVAL && dirty) {
            long remaining = policy.interval().toNanos() - (System.nanoTime() - lastSyncNanos);
            return Math.max(1, remaining / 1_000_000);
        }
        return 0; // wait until notified
    }

    private void process(List<Request> group) throws IOException {
        groupBuffer.clear();
        int records = 0;
        long bytes = 0;
        for (Request r : group) {
            if (r.bodies == null) {
                bytes += writeBuffered();
                r.rotatedTo = startNextSegment();
                continue;
            }
            for (int i = 0; i < r.bodies.length; i++) {
                bytes += buffer(r.bodies[i], r.lengths[i]);
                records++;
            }
        }
        bytes += writeBuffered();
        if (records > 0) {
            listener.written(bytes, records);
        }
        if (policy.mode() == FsyncPolicy.Mode.ALWAYS && dirty) {
            sync();
        } else if (intervalSyncDue()) {
            sync();
        }
    }

    /** Adds one framed record to the group buffer; returns bytes written out to make room. */
    private long buffer(byte[] body, int length) throws IOException {
        long bytes = 0;
        int recordSize = WalSegments.HEADER_BYTES + length;
        if (segmentSize > 0 && segmentSize + groupBuffer.position() + recordSize > segmentBytes) {
            bytes += writeBuffered();
            startNextSegment();
        }
        if (groupBuffer.remaining() < recordSize) {
            bytes += writeBuffered();
            if (groupBuffer.capacity() < recordSize) {
                groupBuffer = ByteBuffer.allocate(Math.max(recordSize, groupBuffer.capacity() * 2));
            }
        }
        crc.reset();
        crc.update(body, 0, length);
        groupBuffer.putInt(length);
        groupBuffer.putInt((int) crc.getValue());
        groupBuffer.put(body, 0, length);
        return bytes;
    }

    /** Writes the buffered records to the current segment; returns the byte count and empties the buffer. */
    private int writeBuffered() throws IOException {
        if (groupBuffer.position() == 0) {
            return 0;
        }
        groupBuffer.flip();
        int n = groupBuffer.remaining();
        while (groupBuffer.hasRemaining()) {
            channel.write(groupBuffer);
        }
        groupBuffer.clear();
        segmentSize += n;
        dirty = true;
        return n;
    }

    private void sync() throws IOException {
        long start = System.nanoTime();
        channel.force(false);
        long end = System.nanoTime();
        lastSyncNanos = end;
        dirty = false;
        listener.synced(end - start);
    }

    private long startNextSegment() throws IOException {
        sync();
        channel.close();
        openSegment(segmentSeq + 1);
        return segmentSeq;
    }

    private void openSegment(long seq) throws IOException {
        Path path = WalSegments.segmentPath(walDir, seq);
        channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        WalSegments.fsyncDirectory(walDir);
        synchronized (lock) {
            segmentSeq = seq;
        }
        segmentSize = 0;
        dirty = false;
        lastSyncNanos = System.nanoTime();
    }

    private void finish() {
        try {
            if (channel.isOpen()) {
                channel.force(false);
                channel.close();
            }
        } catch (IOException e) {
            LOG.warn("wal close failed [segment={}, error={}]", segmentSeq, e.toString());
        }
    }

    /** Writes out what is queued, fsyncs and stops the writer thread. Idempotent. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Request {
        final byte[][] bodies; // null = rotate
        final int[] lengths; // bytes of each body to write
        final CompletableFuture<Void> done = new CompletableFuture<>();
        long rotatedTo;

        Request(byte[][] bodies, int[] lengths) {
            this.bodies = bodies;
            this.lengths = lengths;
        }
    }
}
