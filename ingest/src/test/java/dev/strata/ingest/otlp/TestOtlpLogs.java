package dev.strata.ingest.otlp;

import static dev.strata.ingest.otlp.TestOtlpTraces.id;
import static dev.strata.ingest.otlp.TestOtlpTraces.kv;
import static dev.strata.ingest.otlp.TestOtlpTraces.str;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.IngestOutcome;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.RecordingWriter;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.resource.v1.Resource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TestOtlpLogs {
    private static final long NOW_NS = 1_700_000_000_000_000_000L;

    private final RecordingWriter writer = new RecordingWriter();
    private final OtlpHandler handler =
            new OtlpHandler(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000)));

    @Test
    void mapsResourceToStreamLabelsAndTheRestToStructuredMetadata() {
        LogRecord record = LogRecord.newBuilder()
                .setTimeUnixNano(NOW_NS - 5).setObservedTimeUnixNano(NOW_NS - 1)
                .setSeverityText("Warning").setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_WARN)
                .setBody(str("disk 91% full ✓"))
                .addAttributes(kv("disk.path", str("/var")))
                .addAttributes(kv("free.bytes", AnyValue.newBuilder().setIntValue(1024).build()))
                .setTraceId(id(TestOtlpTraces.TRACE)).setSpanId(id(TestOtlpTraces.SPAN))
                .build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder()
                        .setResource(Resource.newBuilder()
                                .addAttributes(kv("service.name", str("disk-agent")))
                                .addAttributes(kv("k8s.namespace.name", str("infra")))
                                .addAttributes(kv("deployment.environment", str("prod")))
                                .addAttributes(kv("host.name", str("node-1"))))
                        .addScopeLogs(ScopeLogs.newBuilder()
                                .setScope(InstrumentationScope.newBuilder().setName("agent").setVersion("0.9"))
                                .addLogRecords(record)))
                .build();

        IngestOutcome outcome = handler.logs("t", request);

        assertThat(outcome).isEqualTo(new IngestOutcome(1, 0, null));
        LogStream stream = writer.logs.get(0).streams().get(0);
        assertThat(stream.labels()).isEqualTo(Labels.of("service_name", "disk-agent", "k8s_namespace_name", "infra",
                "deployment_environment", "prod"));
        LogEntry entry = stream.entries().get(0);
        assertThat(entry.timestampNanos()).isEqualTo(NOW_NS - 5);
        assertThat(entry.line()).isEqualTo("disk 91% full ✓");
        assertThat(entry.level()).isEqualTo("warn");
        assertThat(entry.traceId()).isEqualTo(TestOtlpTraces.TRACE);
        assertThat(entry.spanId()).isEqualTo(TestOtlpTraces.SPAN);
        assertThat(entry.metadata()).isEqualTo(Labels.of(
                "host_name", "node-1", "scope_name", "agent", "scope_version", "0.9", "disk_path", "/var",
                "free_bytes", "1024", "severity_text", "Warning", "severity_number", "13",
                "trace_id", TestOtlpTraces.TRACE, "span_id", TestOtlpTraces.SPAN));
    }

    @Test
    void structuredBodiesBecomeJsonAndTimestampsFallBack() {
        AnyValue body = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("msg", str("hi"))).addValues(kv("n", AnyValue.newBuilder().setDoubleValue(1.5).build())))
                .build();
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(body).setObservedTimeUnixNano(42))
                        .addLogRecords(LogRecord.newBuilder().setBody(str("ERROR failed")).setSeverityNumber(
                                SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED))
                        .addLogRecords(LogRecord.newBuilder().setSeverityNumberValue(18).setTimeUnixNano(7))))
                .build();

        handler.logs("t", request);

        LogStream stream = writer.logs.get(0).streams().get(0);
        assertThat(stream.labels()).isEqualTo(Labels.of("service_name", "unknown_service"));
        assertThat(stream.entries()).extracting(LogEntry::line).containsExactly("{\"msg\":\"hi\",\"n\":1.5}", "ERROR failed", "");
        assertThat(stream.entries()).extracting(LogEntry::timestampNanos).containsExactly(42L, NOW_NS, 7L);
        assertThat(stream.entries()).extracting(LogEntry::level).containsExactly("unknown", "error", "error");
        assertThat(stream.entries().get(0).traceId()).isNull();
    }

    @Test
    void otlpJsonLogs() {
        String json = """
                {"resourceLogs":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"api"}}]},
                  "scopeLogs":[{"logRecords":[{"timeUnixNano":"1700000000000000001","severityNumber":9,
                    "body":{"stringValue":"hello"},"traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174"}]}]}]}""";

        handler.logs("t", new IngestRequest("application/json", "", json.getBytes(StandardCharsets.UTF_8)));

        LogEntry entry = writer.logs.get(0).streams().get(0).entries().get(0);
        assertThat(entry.timestampNanos()).isEqualTo(1_700_000_000_000_000_001L);
        assertThat(entry.level()).isEqualTo("info");
        assertThat(entry.traceId()).isEqualTo(TestOtlpTraces.TRACE);
        assertThat(entry.spanId()).isEqualTo(TestOtlpTraces.SPAN);
    }

    @Test
    void rejectsOversizedLinesAndFutureRecordsAlone() {
        ExportLogsServiceRequest request = ExportLogsServiceRequest.newBuilder()
                .addResourceLogs(ResourceLogs.newBuilder().addScopeLogs(ScopeLogs.newBuilder()
                        .addLogRecords(LogRecord.newBuilder().setBody(str("x".repeat(300 * 1024))).setTimeUnixNano(1))
                        .addLogRecords(LogRecord.newBuilder().setBody(str("future")).setTimeUnixNano(NOW_NS * 2))
                        .addLogRecords(LogRecord.newBuilder().setBody(str("ok")).setTimeUnixNano(1))))
                .build();

        IngestOutcome outcome = handler.logs("t", request);

        assertThat(outcome.acceptedRows()).isEqualTo(1);
        assertThat(outcome.rejectedRows()).isEqualTo(2);
        assertThat(outcome.firstRejection()).startsWith("max entry size");
    }
}
