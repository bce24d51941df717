package dev.strata.bench;

import com.google.protobuf.CodedOutputStream;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.promremote.RemoteWriteDecoder;
import dev.strata.ingest.promremote.RemoteWriteHandler;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.xerial.snappy.Snappy;

/**
 * Remote-write decode throughput on a payload shaped like peer-bench's: 10,000 series over 10
 * requests of 1,000 series x 10 samples, with the label sets of its generator (job, instance,
 * method/handler/status or le). Scores are samples per second ({@code samplesPerRequest}
 * operations per invocation). {@code decode} times the protobuf decoder alone on decompressed
 * bytes; {@code snappyDecode} adds snappy and the handler's checks, writing to a writer that
 * discards, i.e. ingest's share of the end-to-end path.
 *
 * <p>The shared 2-core machine is often oversubscribed, which makes wall-clock throughput
 * unreliable, so each iteration also prints samples per CPU-second of the benchmark thread
 * (its own CPU time, see {@link CpuMeter}), the unit the ingest target is stated in.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class RemoteWriteDecodeBenchmark {
    private static final int SERIES_PER_REQUEST = 1000;
    private static final int SAMPLES_PER_SERIES = 10;
    private static final int REQUESTS = 10;
    private static final int SAMPLES_PER_REQUEST = SERIES_PER_REQUEST * SAMPLES_PER_SERIES;

    private byte[][] raw;
    private byte[][] compressed;
    private RemoteWriteDecoder decoder;
    private RemoteWriteHandler handler;
    private int next;
    private final CpuMeter cpu = new CpuMeter("samples");

    @Setup
    public void setUp() throws IOException {
        List<String[]> series = peerBenchSeries();
        raw = new byte[REQUESTS][];
        compressed = new byte[REQUESTS][];
        long start = 1_700_000_000_000L;
        for (int r = 0; r < REQUESTS; r++) {
            raw[r] = encode(series.subList(r * SERIES_PER_REQUEST, (r + 1) * SERIES_PER_REQUEST), start);
            compressed[r] = Snappy.compress(raw[r]);
        }
        IngestLimits limits = IngestLimits.DEFAULT;
        decoder = new RemoteWriteDecoder(limits);
        InstantSource clock = InstantSource.fixed(Instant.ofEpochMilli(start).plus(Duration.ofDays(1)));
        handler = new RemoteWriteHandler(new DiscardingWriter(), limits, clock);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        cpu.report();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_REQUEST)
    public SampleBatch decode() {
        cpu.add(SAMPLES_PER_REQUEST);
        byte[] body = raw[next];
        next = (next + 1) % REQUESTS;
        return decoder.decode(body, body.length).batch();
    }

    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_REQUEST)
    public IngestOutcome snappyDecode() {
        cpu.add(SAMPLES_PER_REQUEST);
        byte[] body = compressed[next];
        next = (next + 1) % REQUESTS;
        return handler.handle("bench", new IngestRequest("application/x-protobuf", "snappy", body));
    }

    /** 5 jobs x 20 instances x 100 series, as peer-bench's generator lays them out. */
    static List<String[]> peerBenchSeries() {
        String[] methods = {"GET", "POST"};
        String[] handlers = {"/api/v1/query", "/api/v1/write", "/metrics", "/healthz", "/api/v1/series"};
        String[] statuses = {"200", "500"};
        String[] les = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"};
        List<String[]> out = new ArrayList<>();
        for (int job = 0; job < 5; job++) {
            for (int inst = 0; inst < 20; inst++) {
                String j = "job-" + job;
                String i = "host-" + inst + ".example:9100";
                int n = 0;
                for (String m : methods) {
                    for (String h : handlers) {
                        for (String s : statuses) {
                            out.add(new String[] {"__name__", "http_requests_total", "job", j, "instance", i,
                                "method", m, "handler", h, "status", s});
                            n++;
                        }
                    }
                }
                for (String h : handlers) {
                    for (String le : les) {
                        out.add(new String[] {"__name__", "http_request_duration_seconds_bucket", "job", j,
                            "instance", i, "handler", h, "le", le});
                        n++;
                    }
                    out.add(new String[] {"__name__", "http_request_duration_seconds_sum", "job", j, "instance", i,
                        "handler", h});
                    out.add(new String[] {"__name__", "http_request_duration_seconds_count", "job", j, "instance", i,
                        "handler", h});
                    n += 2;
                }
                while (n < 100) {
                    out.add(new String[] {"__name__", "process_metric_" + n, "job", j, "instance", i});
                    n++;
                }
            }
        }
        return out;
    }

    private static byte[] encode(List<String[]> series, long start) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (String[] labels : series) {
            ByteArrayOutputStream tsBytes = new ByteArrayOutputStream();
            CodedOutputStream ts = CodedOutputStream.newInstance(tsBytes);
            for (int i = 0; i < labels.length; i += 2) {
                ByteArrayOutputStream lb = new ByteArrayOutputStream();
                CodedOutputStream l = CodedOutputStream.newInstance(lb);
                l.writeString(1, labels[i]);
                l.writeString(2, labels[i + 1]);
                l.flush();
                ts.writeByteArray(1, lb.toByteArray());
            }
            for (int s = 0; s < SAMPLES_PER_SERIES; s++) {
                ByteArrayOutputStream sb = new ByteArrayOutputStream();
                CodedOutputStream sample = CodedOutputStream.newInstance(sb);
                sample.writeDouble(1, 1000 + s * 3.0);
                sample.writeInt64(2, start + s * 10_000L);
                sample.flush();
                ts.writeByteArray(2, sb.toByteArray());
            }
            ts.flush();
            out.writeByteArray(1, tsBytes.toByteArray());
        }
        out.flush();
        return bytes.toByteArray();
    }

    /** Accepts and drops every batch, so the score is ingest's work alone. */
    private static final class DiscardingWriter implements TelemetryWriter {
        @Override
        public WriteResult writeSamples(String tenant, SampleBatch batch) {
            return WriteResult.accepted(batch.sampleCount());
        }

        @Override
        public WriteResult writeLogs(String tenant, LogBatch batch) {
            return WriteResult.accepted(batch.entryCount());
        }

        @Override
        public WriteResult writeSpans(String tenant, SpanBatch batch) {
            return WriteResult.accepted(batch.spans().size());
        }
    }
}
