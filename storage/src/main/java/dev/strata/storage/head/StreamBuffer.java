package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.LogEntry;
import java.util.Arrays;
import java.util.List;

/** Log lines of one stream in one head generation, as columns in arrival order. Guarded by the owning {@link TenantHead}. */
final class StreamBuffer {
    long[] timestamps = new long[16];
    String[] lines = new String[16];
    Labels[] metadata = new Labels[16];
    String[] traceIds = new String[16];
    String[] spanIds = new String[16];
    String[] levels = new String[16];
    int count;

    long append(List<LogEntry> entries) {
        int n = entries.size();
        if (count + n > timestamps.length) {
            int capacity = Math.max(count + n, timestamps.length * 2);
            timestamps = Arrays.copyOf(timestamps, capacity);
            lines = Arrays.copyOf(lines, capacity);
            metadata = Arrays.copyOf(metadata, capacity);
            traceIds = Arrays.copyOf(traceIds, capacity);
            spanIds = Arrays.copyOf(spanIds, capacity);
            levels = Arrays.copyOf(levels, capacity);
        }
        long bytes = 0;
        for (int i = 0; i < n; i++) {
            LogEntry e = entries.get(i);
            int row = count + i;
            timestamps[row] = e.timestampNanos();
            lines[row] = e.line();
            metadata[row] = e.metadata();
            traceIds[row] = e.traceId();
            spanIds[row] = e.spanId();
            levels[row] = e.level();
            bytes += 48 + 2L * e.line().length();
        }
        count += n;
        return bytes;
    }
}
