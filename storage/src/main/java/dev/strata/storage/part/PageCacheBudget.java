package dev.strata.storage.part;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The heap bytes all live parts of one reader may keep as decompressed column chunks (decision
 * 0024): parts reserve before keeping a chunk and give their bytes back when the part is
 * dropped. A full budget admits nothing more (no eviction: chunks live and die with their part,
 * and compaction replaces parts). Thread-safe.
 */
public final class PageCacheBudget {
    /** Enough for the uncompressed 8-byte columns of about 40 M samples. */
    public static final long DEFAULT_BYTES = 64L << 20;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    public PageCacheBudget(long limitBytes) {
        if (limitBytes < 0) {
            throw new IllegalArgumentException("negative page cache budget: " + limitBytes);
        }
        this.limit = limitBytes;
    }

    public long limitBytes() {
        return limit;
    }

    public long usedBytes() {
        return used.get();
    }

    boolean hasRoomFor(long bytes) {
        return used.get() + bytes <= limit;
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when they do not fit. */
    boolean reserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void release(long bytes) {
        long after = used.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("page cache budget released more than reserved");
        }
    }
}
