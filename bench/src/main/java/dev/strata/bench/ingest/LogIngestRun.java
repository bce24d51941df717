package dev.strata.bench.ingest;

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
        new IngestMeasurement(options, "logs", "lines").run("logs-" + options.format(), requests);
    }
}
