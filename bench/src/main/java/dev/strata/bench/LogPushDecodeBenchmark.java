package dev.strata.bench;

import com.google.protobuf.ByteString;
import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.loki.LokiPushHandler;
import dev.strata.ingest.otlp.OtlpHandler;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.SampleBatch;
import dev.strata.storage.write.SpanBatch;
import dev.strata.storage.write.TelemetryWriter;
import dev.strata.storage.write.WriteResult;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
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

/**
 * Log ingest decode throughput in lines per second: a Loki JSON push and an OTLP protobuf logs
 * export of 1,000 lines each (10 streams/resources × 100 lines of ~120 bytes with a level word),
 * through the handlers with a writer that discards, so the score is ingest's share only
 * (decoding, validation, level detection, stream grouping). Each iteration also prints lines per
 * CPU-second of the benchmark thread ({@link CpuMeter}). The long warm-up is deliberate: on a
 * busy machine the JIT compiler threads are starved, and short warm-ups measure interpreted code.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 3, time = 2)
public class LogPushDecodeBenchmark {
    private static final int STREAMS = 10;
    private static final int LINES_PER_STREAM = 100;
    private static final int LINES = STREAMS * LINES_PER_STREAM;
    private static final long T0 = 1_700_000_000_000_000_000L;

    private LokiPushHandler loki;
    private OtlpHandler otlp;
    private byte[] lokiJson;
    private byte[] otlpProto;
    private final CpuMeter cpu = new CpuMeter("lines");

    @Setup
    public void setUp() {
        String[] levels = {"INFO", "WARN", "ERROR", "DEBUG"};
        StringBuilder json = new StringBuilder("{\"streams\":[");
        ExportLogsServiceRequest.Builder export = ExportLogsServiceRequest.newBuilder();
        for (int s = 0; s < STREAMS; s++) {
            json.append(s == 0 ? "" : ",").append("{\"stream\":{\"service_name\":\"svc-").append(s)
                    .append("\",\"env\":\"prod\",\"namespace\":\"shop\"},\"values\":[");
            ScopeLogs.Builder scope = ScopeLogs.newBuilder();
            for (int i = 0; i < LINES_PER_STREAM; i++) {
                long ts = T0 + (long) i * 1_000_000;
                String line = "2023-11-14T22:13:20.000Z " + levels[i % 4] + " request_id=" + (s * 1000 + i)
                        + " handler=/api/v1/cart status=200 duration=12.5ms user=u" + (i % 37) + " msg=\"served cart\"";
                json.append(i == 0 ? "" : ",").append("[\"").append(ts).append("\",\"")
                        .append(line.replace("\"", "\\\"")).append("\",{\"trace_id\":\"5b8efff798038103d269b633813fc60c\"}]");
                scope.addLogRecords(LogRecord.newBuilder().setTimeUnixNano(ts).setSeverityText(levels[i % 4])
                        .setBody(AnyValue.newBuilder().setStringValue(line))
                        .setTraceId(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
                        .addAttributes(KeyValue.newBuilder().setKey("http.route")
                                .setValue(AnyValue.newBuilder().setStringValue("/api/v1/cart"))));
            }
            json.append("]}");
            export.addResourceLogs(ResourceLogs.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(KeyValue.newBuilder().setKey("service.name")
                                    .setValue(AnyValue.newBuilder().setStringValue("svc-" + s)))
                            .addAttributes(KeyValue.newBuilder().setKey("host.name")
                                    .setValue(AnyValue.newBuilder().setStringValue("node-" + s))))
                    .addScopeLogs(scope));
        }
        lokiJson = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
        otlpProto = export.build().toByteArray();
        InstantSource clock = InstantSource.fixed(Instant.ofEpochSecond(1_800_000_000L));
        loki = new LokiPushHandler(new DiscardingWriter(), IngestLimits.DEFAULT, clock);
        otlp = new OtlpHandler(new DiscardingWriter(), IngestLimits.DEFAULT, clock);
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
    @OperationsPerInvocation(LINES)
    public IngestOutcome lokiJson() {
        cpu.add(LINES);
        return loki.handle("bench", new IngestRequest("application/json", "", lokiJson));
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public IngestOutcome otlpProtobuf() {
        cpu.add(LINES);
        return otlp.logs("bench", new IngestRequest("application/x-protobuf", "", otlpProto));
    }

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
