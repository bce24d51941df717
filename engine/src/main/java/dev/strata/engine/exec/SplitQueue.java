package dev.strata.engine.exec;

import static java.util.Objects.requireNonNull;

import dev.strata.spi.scan.Split;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The splits of one scan, handed out once each to whichever worker of the query asks next, so a
 * worker slowed by the machine's load simply takes fewer. The coordinator that listed the splits
 * releases them after every worker has ended. Thread-safe.
 */
public final class SplitQueue {
    private final List<Split> splits;
    private final AtomicInteger next = new AtomicInteger();

    public SplitQueue(List<Split> splits) {
        this.splits = List.copyOf(requireNonNull(splits, "splits is null"));
    }

    /** The next split nobody has taken, or null when all are taken. */
    public Split next() {
        int at = next.getAndIncrement();
        return at < splits.size() ? splits.get(at) : null;
    }

    public int size() {
        return splits.size();
    }
}
