package dev.strata.bench;

import dev.strata.spi.model.Labels;
import dev.strata.storage.part.StoredSchemas;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampNanoTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;

/**
 * Service logs as an HTTP service writes them: logfmt access lines (method, path with an item id,
 * status, duration, bytes, user) and a few kinds of application lines, one trace id in every
 * fourth line (in the text, as Loki push sends it; the {@code trace_id} column stays null), nanosecond
 * timestamps with millisecond jitter; {@code streams} streams of {@code app}/{@code pod}/{@code env}
 * labels. "Raw" bytes are the UTF-8 bytes of the lines.
 */
public final class SyntheticLogs {
    private static final String[] LEVELS = {"info", "info", "info", "info", "warn", "error", "debug"};
    private static final String[] PATHS = {"/api/v1/items/", "/api/v1/users/", "/api/v1/orders/", "/healthz"};
    private static final String[] METHODS = {"GET", "GET", "GET", "POST", "PUT", "DELETE"};
    private static final String[] MESSAGES = {"cache miss, loading from database", "connection pool exhausted, waiting",
            "retrying upstream call", "slow query detected", "user session refreshed", "config reloaded"};

    private final int streams;
    private final int linesPerStream;
    private final long seed;
    private long rawBytes;

    public SyntheticLogs(int streams, int linesPerStream, long seed) {
        this.streams = streams;
        this.linesPerStream = linesPerStream;
        this.seed = seed;
    }

    public long rowCount() {
        return (long) streams * linesPerStream;
    }

    /** UTF-8 bytes of every line produced so far. */
    public long rawBytes() {
        return rawBytes;
    }

    public Iterator<VectorSchemaRoot> batches(BufferAllocator allocator, int batchRows, VectorSchemaRoot[] rootHolder) {
        VectorSchemaRoot root = VectorSchemaRoot.create(StoredSchemas.LOGS, allocator);
        rootHolder[0] = root;
        Random random = new Random(seed);
        long[] streamIds = new long[streams];
        for (int s = 0; s < streams; s++) {
            streamIds[s] = labels(s).stableHash();
        }
        // stored order is by stream id, then time
        Integer[] order = new Integer[streams];
        for (int s = 0; s < streams; s++) {
            order[s] = s;
        }
        java.util.Arrays.sort(order, (a, b) -> Long.compare(streamIds[a], streamIds[b]));
        return new Iterator<>() {
            private long row;
            private long time;

            @Override
            public boolean hasNext() {
                return row < rowCount();
            }

            @Override
            public VectorSchemaRoot next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                root.clear();
                root.allocateNew();
                BigIntVector id = (BigIntVector) root.getVector("stream_id");
                MapVector labels = (MapVector) root.getVector("labels");
                TimeStampNanoTZVector ts = (TimeStampNanoTZVector) root.getVector("ts");
                VarCharVector line = (VarCharVector) root.getVector("line");
                MapVector metadata = (MapVector) root.getVector("metadata");
                VarCharVector level = (VarCharVector) root.getVector("level");
                int n = (int) Math.min(batchRows, rowCount() - row);
                for (int i = 0; i < n; i++, row++) {
                    int s = order[(int) (row / linesPerStream)];
                    if (row % linesPerStream == 0) {
                        time = 1_795_392_000_000_000_000L;
                    }
                    time += 50_000_000L + random.nextInt(1_000) * 1_000_000L + random.nextInt(1_000_000);
                    id.setSafe(i, streamIds[s]);
                    Labels ls = labels(s);
                    int start = labels.startNewValue(i);
                    StructVector entries = (StructVector) labels.getDataVector();
                    for (int l = 0; l < ls.size(); l++) {
                        ((VarCharVector) entries.getChildByOrdinal(0)).setSafe(start + l, ls.name(l).getBytes(StandardCharsets.UTF_8));
                        ((VarCharVector) entries.getChildByOrdinal(1)).setSafe(start + l, ls.value(l).getBytes(StandardCharsets.UTF_8));
                        entries.setIndexDefined(start + l);
                    }
                    labels.endValue(i, ls.size());
                    metadata.startNewValue(i);
                    metadata.endValue(i, 0);
                    ts.setSafe(i, time);
                    String lvl = LEVELS[random.nextInt(LEVELS.length)];
                    String trace = random.nextInt(4) == 0 ? hex(random, 32) : null;
                    String text = line(random, lvl, trace);
                    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                    rawBytes += bytes.length;
                    line.setSafe(i, bytes);
                    level.setSafe(i, lvl.getBytes(StandardCharsets.UTF_8));
                }
                root.setRowCount(n);
                return root;
            }
        };
    }

    private Labels labels(int stream) {
        return Labels.of("app", "app-" + (stream % 10), "env", stream % 3 == 0 ? "staging" : "prod",
                "pod", "app-" + (stream % 10) + "-7d9f8b6c4-" + Integer.toString(stream * 7919 % 46656, 36));
    }

    private static String line(Random random, String level, String trace) {
        StringBuilder b = new StringBuilder(200);
        b.append("level=").append(level);
        if (random.nextInt(3) > 0) {
            String path = PATHS[random.nextInt(PATHS.length)];
            b.append(" caller=http/handler.go:").append(80 + random.nextInt(4) * 17)
                    .append(" method=").append(METHODS[random.nextInt(METHODS.length)])
                    .append(" path=").append(path);
            if (!path.equals("/healthz")) {
                b.append(random.nextInt(100_000));
            }
            int status = random.nextInt(20) == 0 ? 500 : random.nextInt(10) == 0 ? 404 : 200;
            b.append(" status=").append(status)
                    .append(" duration=").append(random.nextInt(900) / 10.0).append("ms")
                    .append(" bytes=").append(random.nextInt(20_000))
                    .append(" user=u").append(random.nextInt(5_000))
                    .append(" msg=\"request served\"");
        } else {
            b.append(" caller=app/worker.go:").append(200 + random.nextInt(6) * 11)
                    .append(" msg=\"").append(MESSAGES[random.nextInt(MESSAGES.length)]).append('"')
                    .append(" attempt=").append(1 + random.nextInt(3));
        }
        if (trace != null) {
            b.append(" trace_id=").append(trace);
        }
        return b.toString();
    }

    private static String hex(Random random, int digits) {
        StringBuilder b = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }
}
