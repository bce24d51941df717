package dev.strata.bench.ingest;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Log ingest end to end: {@code --format loki-json|loki-proto|otlp} (default loki-proto),
 * {@code --items} lines (default 600,000, rounded to whole requests of 1,000 lines) from 300
 * streams, see {@link LogWorkload}. Prints the figures and one tab-separated {@code RESULT} line.
 */
public final class LogIngestRun {
    private static final int STREAMS = 300;
    private static final long SEED = 7;

    private LogIngestRun() {}

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.parse(args, "loki-proto", 600_000);
        // an hour back, so every line is in the past and inside retention
        long start = (System.currentTimeMillis() - 3_600_000L) * 1_000_000L;
        LogWorkload workload = new LogWorkload(STREAMS, SEED, start);
        int linesPerRequest = LogWorkload.STREAMS_PER_REQUEST * LogWorkload.LINES_PER_STREAM;
        List<List<LogWorkload.StreamChunk>> chunks = workload.generate(Math.max(1, options.items() / linesPerRequest));
        List<EncodedRequest> requests = new ArrayList<>(chunks.size());
        for (List<LogWorkload.StreamChunk> request : chunks) {
            requests.add(switch (options.format()) {
                case "loki-json" -> workload.lokiJson(request);
                case "loki-proto" -> workload.lokiProtobuf(request);
                case "otlp" -> workload.otlp(request);
                default -> throw new IllegalArgumentException("unknown format " + options.format());
            });
        }
        printReferenceCompression(chunks);
        new IngestMeasurement(options, "logs", "lines").run("logs-" + options.format(), requests);
    }

    /**
     * What a general-purpose compressor makes of the same lines stored as a log store would (grouped
     * by stream, in time order, newline-separated, 1 MiB blocks): the floor the data's own entropy sets
     * for the stored ÷ raw target, independent of Strata.
     */
    private static void printReferenceCompression(List<List<LogWorkload.StreamChunk>> requests) throws IOException {
        int streams = 0;
        for (List<LogWorkload.StreamChunk> request : requests) {
            for (LogWorkload.StreamChunk chunk : request) {
                streams = Math.max(streams, chunk.stream() + 1);
            }
        }
        ByteArrayOutputStream[] byStream = new ByteArrayOutputStream[streams];
        long raw = 0;
        for (List<LogWorkload.StreamChunk> request : requests) {
            for (LogWorkload.StreamChunk chunk : request) {
                if (byStream[chunk.stream()] == null) {
                    byStream[chunk.stream()] = new ByteArrayOutputStream();
                }
                for (LogWorkload.Line line : chunk.lines()) {
                    byte[] bytes = line.text().getBytes(StandardCharsets.UTF_8);
                    byStream[chunk.stream()].write(bytes, 0, bytes.length);
                    byStream[chunk.stream()].write('\n');
                    raw += bytes.length;
                }
            }
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (ByteArrayOutputStream stream : byStream) {
            if (stream != null) {
                stream.writeTo(all);
            }
        }
        byte[] data = all.toByteArray();
        for (int level : new int[] {3, 19}) {
            long compressed = 0;
            for (int off = 0; off < data.length; off += 1 << 20) {
                int len = Math.min(1 << 20, data.length - off);
                byte[] block = new byte[len];
                System.arraycopy(data, off, block, 0, len);
                compressed += Zstd.compress(block, level).length;
            }
            System.out.printf("reference: zstd -%d of the lines alone, by stream in 1 MiB blocks: %.4f of raw (%.1f B/line)%n",
                    level, compressed / (double) raw, compressed * 1.0 / (requests.size()
                            * LogWorkload.STREAMS_PER_REQUEST * LogWorkload.LINES_PER_STREAM));
        }
    }
}
