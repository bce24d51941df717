package dev.strata.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.pipeline.IngestLimits;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

class TestDefaultIngestService {
    private final RecordingWriter writer = new RecordingWriter();
    private final IngestService service =
            new DefaultIngestService(writer, IngestLimits.DEFAULT, InstantSource.fixed(Instant.ofEpochSecond(1_700_000_000)));

    @Test
    void routesEachProtocolToTheWriter() {
        service.lokiPush("a", new IngestRequest("application/json", "",
                "{\"streams\":[{\"stream\":{\"app\":\"x\"},\"values\":[[\"1\",\"l\"]]}]}".getBytes(StandardCharsets.UTF_8)));
        service.otlpTraces("b", ExportTraceServiceRequest.getDefaultInstance());
        service.otlpMetrics("c", new IngestRequest("application/json", "", "{}".getBytes(StandardCharsets.UTF_8)));

        assertThat(writer.logs).hasSize(1);
        assertThat(writer.tenants).containsExactly("a");
    }

    @Test
    void requestHeaderHelpers() {
        IngestRequest r = new IngestRequest(" Application/X-Protobuf ; proto=\"io.prometheus.write.v2.Request\"", " Snappy", new byte[0]);
        assertThat(r.mediaType()).isEqualTo("application/x-protobuf");
        assertThat(r.contentTypeParameter("PROTO")).isEqualTo("io.prometheus.write.v2.Request");
        assertThat(r.contentTypeParameter("charset")).isNull();
        assertThat(r.encoding()).isEqualTo("snappy");
    }
}
