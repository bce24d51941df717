package dev.strata.ingest.otlp;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.LabelRules;
import dev.strata.ingest.pipeline.LogLevels;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * OTLP log records to Loki-style streams, as Loki's own OTLP endpoint stores them by default:
 * the stream labels are {@code service_name} (from {@code service.name}, else
 * {@code unknown_service}) plus the few resource attributes Loki indexes by default, with
 * dots turned into underscores; all other resource attributes, the scope's name, version and
 * attributes, the record's attributes and severity go to structured metadata. The line is the
 * body (a string as is, anything else as JSON); the level comes from severity text, else
 * severity number, else detection on metadata and line. Thread-safe.
 */
final class OtlpLogMapper {
    /** Resource attributes Loki's OTLP ingestion promotes to index labels by default. */
    static final Set<String> INDEX_ATTRIBUTES = Set.of(
            "service.name", "service.namespace", "service.instance.id", "deployment.environment",
            "deployment.environment.name", "cloud.region", "cloud.availability_zone", "k8s.cluster.name",
            "k8s.namespace.name", "k8s.pod.name", "k8s.container.name", "container.name", "k8s.replicaset.name",
            "k8s.deployment.name", "k8s.statefulset.name", "k8s.daemonset.name", "k8s.cronjob.name", "k8s.job.name");

    private final AnyValues values;
    private final IngestLimits limits;

    OtlpLogMapper(AnyValues values, IngestLimits limits) {
        this.values = requireNonNull(values, "values is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    record Mapped(LogBatch batch, long rejected, String firstRejection) {}

    Mapped map(ExportLogsServiceRequest request, long nowNanos, long maxTimestampNanos) {
        Map<Labels, List<LogEntry>> streams = new LinkedHashMap<>();
        long rejected = 0;
        String firstRejection = null;
        for (ResourceLogs rl : request.getResourceLogsList()) {
            Labels.Builder streamBuilder = Labels.builder();
            List<String> resourceMetadata = new ArrayList<>();
            boolean hasService = false;
            String resourceProblem = null;
            for (KeyValue kv : rl.getResource().getAttributesList()) {
                String name = PrometheusNaming.labelName(kv.getKey());
                String text = values.text(kv.getValue());
                if (name.isEmpty() || text.isEmpty()) {
                    continue;
                }
                if (INDEX_ATTRIBUTES.contains(kv.getKey())) {
                    if (LabelRules.utf8Length(text) > limits.maxLabelValueBytes()) {
                        resourceProblem = "label value too long for label \"" + name + "\"";
                    }
                    streamBuilder.add(name, text);
                    hasService |= kv.getKey().equals("service.name");
                } else {
                    resourceMetadata.add(name);
                    resourceMetadata.add(text);
                }
            }
            if (!hasService) {
                streamBuilder.add("service_name", OtlpTraceMapper.UNKNOWN_SERVICE);
            }
            Labels stream = streamBuilder.build();
            if (resourceProblem != null) {
                // Loki refuses a stream whose labels break the limits; its records go with it.
                for (ScopeLogs sl : rl.getScopeLogsList()) {
                    rejected += sl.getLogRecordsCount();
                }
                firstRejection = firstRejection != null ? firstRejection : resourceProblem;
                continue;
            }
            for (ScopeLogs sl : rl.getScopeLogsList()) {
                for (LogRecord record : sl.getLogRecordsList()) {
                    Labels.Builder meta = Labels.builder();
                    for (int i = 0; i < resourceMetadata.size(); i += 2) {
                        meta.add(resourceMetadata.get(i), resourceMetadata.get(i + 1));
                    }
                    addIfPresent(meta, "scope_name", sl.getScope().getName());
                    addIfPresent(meta, "scope_version", sl.getScope().getVersion());
                    addAttributes(meta, sl.getScope().getAttributesList());
                    addAttributes(meta, record.getAttributesList());
                    addIfPresent(meta, "severity_text", record.getSeverityText());
                    if (record.getSeverityNumberValue() != 0) {
                        meta.add("severity_number", Integer.toString(record.getSeverityNumberValue()));
                    }
                    String traceId = AnyValues.hexOrNull(record.getTraceId());
                    String spanId = AnyValues.hexOrNull(record.getSpanId());
                    addIfPresent(meta, "trace_id", traceId);
                    addIfPresent(meta, "span_id", spanId);
                    Labels metadata = meta.build();

                    String line = line(record.getBody());
                    if (LabelRules.utf8Length(line) > limits.maxLineBytes()) {
                        rejected++;
                        firstRejection = firstRejection != null ? firstRejection : "max entry size '"
                                + limits.maxLineBytes() + "' bytes exceeded for stream '" + stream + "'";
                        continue;
                    }
                    long ts = record.getTimeUnixNano() != 0 ? record.getTimeUnixNano()
                            : record.getObservedTimeUnixNano() != 0 ? record.getObservedTimeUnixNano() : nowNanos;
                    if (ts > maxTimestampNanos) {
                        rejected++;
                        firstRejection = firstRejection != null ? firstRejection
                                : "entry for stream '" + stream + "' has timestamp too new: " + ts;
                        continue;
                    }
                    List<LogEntry> entries = streams.get(stream);
                    if (entries == null) {
                        entries = new ArrayList<>();
                        streams.put(stream, entries);
                    }
                    entries.add(new LogEntry(ts, line, metadata, traceId, spanId, level(record, stream, metadata, line)));
                }
            }
        }
        List<LogStream> out = new ArrayList<>(streams.size());
        for (Map.Entry<Labels, List<LogEntry>> e : streams.entrySet()) {
            out.add(new LogStream(e.getKey(), e.getValue()));
        }
        return new Mapped(new LogBatch(out), rejected, firstRejection);
    }

    private static String level(LogRecord record, Labels stream, Labels metadata, String line) {
        String level = record.getSeverityText().isEmpty() ? null : LogLevels.normalize(record.getSeverityText());
        if (level == null) {
            level = LogLevels.fromSeverityNumber(record.getSeverityNumberValue());
        }
        if (level == null) {
            level = LogLevels.detect(stream, metadata.without("severity_text").without("severity_number"), line);
        }
        return level;
    }

    private String line(AnyValue body) {
        return body.hasStringValue() ? body.getStringValue() : values.text(body);
    }

    private void addAttributes(Labels.Builder meta, List<KeyValue> attributes) {
        for (KeyValue kv : attributes) {
            String name = PrometheusNaming.labelName(kv.getKey());
            if (!name.isEmpty()) {
                meta.add(name, values.text(kv.getValue()));
            }
        }
    }

    private static void addIfPresent(Labels.Builder meta, String name, String value) {
        if (value != null && !value.isEmpty()) {
            meta.add(name, value);
        }
    }
}
