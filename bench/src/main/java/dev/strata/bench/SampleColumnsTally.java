package dev.strata.bench;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * count, sum(value) and max(series_id) of the rows of {@code series_id, ts, value} batches whose
 * ts (ms) lies in a closed range, read from the vectors' memory. The head and part scan reports
 * share it so that they differ only in the reader.
 */
final class SampleColumnsTally {
    private final long fromMillis;
    private final long toMillis;
    long count;
    double sum;
    long maxId = Long.MIN_VALUE;

    SampleColumnsTally(long fromMillis, long toMillis) {
        this.fromMillis = fromMillis;
        this.toMillis = toMillis;
    }

    void add(VectorSchemaRoot root) {
        int rows = root.getRowCount();
        long ids = root.getVector(0).getDataBuffer().memoryAddress();
        long ts = root.getVector(1).getDataBuffer().memoryAddress();
        long values = root.getVector(2).getDataBuffer().memoryAddress();
        for (int i = 0; i < rows; i++) {
            long t = MemoryUtil.getLong(ts + (long) i * 8);
            if (t >= fromMillis && t <= toMillis) {
                count++;
                sum += Double.longBitsToDouble(MemoryUtil.getLong(values + (long) i * 8));
                maxId = Math.max(maxId, MemoryUtil.getLong(ids + (long) i * 8));
            }
        }
    }
}
