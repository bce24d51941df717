package dev.strata.storage.head;

import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.MapVector;

/** Log rows of a snapshot, streams by ascending id, each stably sorted by time. */
final class LogRows implements RowSource {
    private static final int STREAM_ID = 0;
    private static final int LABELS = 1;
    private static final int TS = 2;
    private static final int LINE = 3;
    private static final int METADATA = 4;
    private static final int TRACE_ID = 5;
    private static final int SPAN_ID = 6;
    private static final int LEVEL = 7;

    private final TenantHead.LogsSnapshot snapshot;
    private final int[] codes;
    private final int[] order;
    private final long[] ids;
    private final Labels[] labels;
    private final TimeRange range;
    private int next;
    private int stream = -1;
    private int[] rowOrder = new int[0];
    private int count;
    private int position;

    LogRows(TenantHead.LogsSnapshot snapshot, TenantRegistry registry, List<String> columns, TimeRange range) {
        this.snapshot = snapshot;
        this.range = range;
        this.codes = new int[columns.size()];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = switch (columns.get(i)) {
                case "stream_id" -> STREAM_ID;
                case "labels" -> LABELS;
                case "ts" -> TS;
                case "line" -> LINE;
                case "metadata" -> METADATA;
                case "trace_id" -> TRACE_ID;
                case "span_id" -> SPAN_ID;
                case "level" -> LEVEL;
                default -> throw new IllegalArgumentException("logs has no column " + columns.get(i));
            };
        }
        int n = snapshot.ordinals().length;
        ids = new long[n];
        labels = new Labels[n];
        for (int i = 0; i < n; i++) {
            ids[i] = registry.streams().id(snapshot.ordinals()[i]);
            labels[i] = registry.streams().labels(snapshot.ordinals()[i]);
        }
        order = TimeOrder.stableOrder(ids, n);
    }

    private boolean advanceStream() {
        while (next < order.length) {
            int s = order[next++];
            int n = snapshot.counts()[s];
            long[] ts = snapshot.timestamps()[s];
            int[] sorted = TimeOrder.stableOrder(ts, n);
            int kept = 0;
            for (int i = 0; i < n; i++) {
                if (range.contains(ts[sorted[i]])) {
                    sorted[kept++] = sorted[i];
                }
            }
            if (kept > 0) {
                stream = s;
                rowOrder = sorted;
                count = kept;
                position = 0;
                return true;
            }
        }
        return false;
    }

    @Override
    public int fill(FieldVector[] vectors, int maxRows) {
        int row = 0;
        while (row < maxRows) {
            if (position >= count && !advanceStream()) {
                break;
            }
            int n = Math.min(maxRows - row, count - position);
            for (int c = 0; c < codes.length; c++) {
                FieldVector vector = vectors[c];
                for (int i = 0; i < n; i++) {
                    int r = rowOrder[position + i];
                    int out = row + i;
                    switch (codes[c]) {
                        case STREAM_ID -> ((BigIntVector) vector).setSafe(out, ids[stream]);
                        case LABELS -> ArrowColumns.setLabels((MapVector) vector, out, labels[stream], false);
                        case TS -> ((TimeStampVector) vector).setSafe(out, snapshot.timestamps()[stream][r]);
                        case LINE -> ((VarCharVector) vector).setSafe(out, snapshot.lines()[stream][r].getBytes(StandardCharsets.UTF_8));
                        case METADATA -> ArrowColumns.setLabels((MapVector) vector, out, snapshot.metadata()[stream][r], false);
                        case TRACE_ID -> ArrowColumns.setString((VarCharVector) vector, out, snapshot.traceIds()[stream][r]);
                        case SPAN_ID -> ArrowColumns.setString((VarCharVector) vector, out, snapshot.spanIds()[stream][r]);
                        case LEVEL -> ArrowColumns.setString((VarCharVector) vector, out, snapshot.levels()[stream][r]);
                        default -> throw new IllegalStateException();
                    }
                }
            }
            row += n;
            position += n;
        }
        return row;
    }
}
