package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Off-heap pages of {@link #PAGE_BYTES} that queries borrow for scratch data (a PromQL scan's
 * samples) and give back, up to {@code keptBytes} of them kept between queries. Fresh native
 * memory costs a page fault per 4 KiB when first written: 46 MiB of fresh pages took ~500 ms
 * to fill on this project's machines against ~15 ms for memory written before, so reuse is what
 * makes off-heap scratch cheaper than the Java heap. Kept pages belong to this object's own
 * allocator (they outlive every query's); pages beyond what it keeps come from the asking query's
 * allocator and are freed when given back. Thread-safe.
 */
public final class ScratchPages implements AutoCloseable {
    public static final int PAGE_BYTES = 1 << 20;

    private final BufferAllocator allocator;
    private final int maxKept;
    private final ArrayDeque<ArrowBuf> kept = new ArrayDeque<>();
    private int lent;
    private boolean closed;

    private ScratchPages(BufferAllocator allocator, int maxKept) {
        this.allocator = allocator;
        this.maxKept = maxKept;
    }

    /** Pages that are never kept: each comes from the query's allocator and is freed when given back. */
    public static ScratchPages none() {
        return new ScratchPages(null, 0);
    }

    /** Keeps up to {@code keptBytes} of pages between queries (rounded down to whole pages). */
    public static ScratchPages keeping(long keptBytes) {
        if (keptBytes < 0) {
            throw new IllegalArgumentException("keptBytes must not be negative: " + keptBytes);
        }
        int pages = (int) Math.min(Integer.MAX_VALUE, keptBytes / PAGE_BYTES);
        return pages == 0 ? none() : new ScratchPages(new RootAllocator(), pages);
    }

    /** A page of {@link #PAGE_BYTES}, of undefined content: a kept one, else a new one. */
    public synchronized ArrowBuf take(BufferAllocator queryAllocator) {
        requireNonNull(queryAllocator, "queryAllocator is null");
        ArrowBuf page = kept.pollFirst();
        if (page != null) {
            lent++;
            return page;
        }
        if (allocator == null || closed || lent >= maxKept) {
            return queryAllocator.buffer(PAGE_BYTES);
        }
        lent++;
        return allocator.buffer(PAGE_BYTES);
    }

    /** Gives back a page of {@link #take}: kept for the next query, or freed. */
    public synchronized void give(ArrowBuf page) {
        if (allocator == null || page.getReferenceManager().getAllocator() != allocator) {
            page.close();
            return;
        }
        lent--;
        if (closed) {
            page.close();
            closeAllocatorWhenIdle();
        } else {
            kept.push(page);
        }
    }

    /** Bytes held between queries right now. */
    public synchronized long keptBytes() {
        return (long) kept.size() * PAGE_BYTES;
    }

    /** Frees the kept pages; pages still lent are freed when given back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!kept.isEmpty()) {
            kept.pop().close();
        }
        closeAllocatorWhenIdle();
    }

    private void closeAllocatorWhenIdle() {
        if (allocator != null && lent == 0) {
            allocator.close();
        }
    }
}
