package dev.strata.bench.ingest;

/**
 * Span ingest end to end over OTLP/HTTP protobuf: {@code --items} spans (default 300,000,
 * rounded to whole requests of 50 traces), see {@link SpanWorkload}. Prints the figures and one
 * tab-separated {@code RESULT} line; "raw" bytes are the uncompressed OTLP protobuf bodies.
 */
public final class SpanIngestRun {
    private static final int TRACES_PER_REQUEST = 50;
    private static final int SPANS_PER_TRACE_ESTIMATE = 14;
    private static final long SEED = 11;

    private SpanIngestRun() {}

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.parse(args, "otlp", 300_000);
        long start = (System.currentTimeMillis() - 3_600_000L) * 1_000_000L;
        int requests = Math.max(1, options.items() / (TRACES_PER_REQUEST * SPANS_PER_TRACE_ESTIMATE));
        new IngestMeasurement(options, "spans", "spans")
                .run("spans-otlp", new SpanWorkload(SEED, start, TRACES_PER_REQUEST).generate(requests));
    }
}
