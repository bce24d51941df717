package dev.strata.engine.series.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.ScratchPages;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;

/**
 * Off-heap room for the samples a query's scan collects: {@code (ts, value)} pairs of 16 bytes in
 * pages borrowed from the process's {@link ScratchPages} (reused between queries, so already
 * faulted in), appended run after run; a run larger than a page gets a buffer of the query's
 * allocator. The samples of every selected series are
 * alive together until the query evaluates them; on the Java heap they outlived the young
 * generation and every collection during the scan copied them (a 10,000-series dashboard query
 * spent more CPU in the collector than in its own thread). Here the collector never sees them and
 * {@link #close()} frees them at once. Used by one thread at a time.
 */
final class SampleArena implements AutoCloseable {
    static final int SAMPLE_BYTES = 16;

    private final ScratchPages scratch;
    private final BufferAllocator allocator;
    private final List<ArrowBuf> pages = new ArrayList<>();
    private final List<ArrowBuf> large = new ArrayList<>();
    private long next;
    private long limit;

    SampleArena(ScratchPages scratch, BufferAllocator allocator) {
        this.scratch = requireNonNull(scratch, "scratch is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
    }

    /** The address of room for up to {@code count} contiguous samples; {@link #commit} says how many were written. */
    long reserve(int count) {
        long bytes = (long) SAMPLE_BYTES * count;
        if (next + bytes > limit) {
            ArrowBuf page;
            if (bytes <= ScratchPages.PAGE_BYTES) {
                page = scratch.take(allocator);
                pages.add(page);
            } else {
                page = allocator.buffer(bytes);
                large.add(page);
            }
            next = page.memoryAddress();
            limit = next + page.capacity();
        }
        return next;
    }

    /** Keeps the first {@code count} samples written at {@code address}, the last reservation; the rest is reused. */
    void commit(long address, int count) {
        next = address + (long) SAMPLE_BYTES * count;
    }

    static void put(long address, int index, long ts, long valueBits) {
        MemoryUtil.putLong(address + (long) SAMPLE_BYTES * index, ts);
        MemoryUtil.putLong(address + (long) SAMPLE_BYTES * index + 8, valueBits);
    }

    static long ts(long address, int index) {
        return MemoryUtil.getLong(address + (long) SAMPLE_BYTES * index);
    }

    static double value(long address, int index) {
        return Double.longBitsToDouble(MemoryUtil.getLong(address + (long) SAMPLE_BYTES * index + 8));
    }

    @Override
    public void close() {
        for (ArrowBuf page : pages) {
            scratch.give(page);
        }
        pages.clear();
        for (ArrowBuf buffer : large) {
            buffer.close();
        }
        large.clear();
        next = 0;
        limit = 0;
    }
}
