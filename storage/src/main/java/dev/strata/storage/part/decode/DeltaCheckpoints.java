package dev.strata.storage.part.decode;

/**
 * Resume points of one DELTA_BINARY_PACKED page: before every {@code stride}-th block (from block
 * {@code stride} on), the byte position of the block's header in the decompressed page and the
 * last value decoded before it. A skip that passes a checkpoint resumes there instead of summing
 * every delta before it, so skipping a run of rows costs at most one stride of deltas (decision
 * 0024). Built once per page by {@link DeltaBinaryPackedReader#checkpoints}; immutable.
 */
public final class DeltaCheckpoints {
    private final int blockValues;
    private final int stride;
    private final int[] positions;
    private final long[] values;

    /**
     * @param blockValues values per block (the page header's block size)
     * @param stride blocks between checkpoints
     * @param positions per checkpoint {@code k}, where block {@code (k + 1) * stride}'s header starts (owned from now on)
     * @param values per checkpoint, the last value before that block (owned from now on)
     */
    DeltaCheckpoints(int blockValues, int stride, int[] positions, long[] values) {
        if (blockValues <= 0 || stride <= 0 || positions.length != values.length) {
            throw new IllegalArgumentException("bad checkpoints: block " + blockValues + ", stride " + stride);
        }
        this.blockValues = blockValues;
        this.stride = stride;
        this.positions = positions;
        this.values = values;
    }

    public int count() {
        return positions.length;
    }

    /** Heap bytes the checkpoints' arrays take. */
    public long bytes() {
        return positions.length * 12L;
    }

    int blockValues() {
        return blockValues;
    }

    /** Values of the page before checkpoint {@code k}'s block, the first value included. */
    int producedAt(int k) {
        return 1 + (k + 1) * stride * blockValues;
    }

    int position(int k) {
        return positions[k];
    }

    long value(int k) {
        return values[k];
    }

    /** The last checkpoint at or before {@code produced} values, or -1. */
    int atOrBefore(int produced) {
        if (produced <= 1) {
            return -1;
        }
        int k = (produced - 1) / (stride * blockValues) - 1;
        return Math.min(k, positions.length - 1);
    }
}
