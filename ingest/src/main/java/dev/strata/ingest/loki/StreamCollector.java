package dev.strata.ingest.loki;

import static java.util.Objects.requireNonNull;

import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.LabelRules;
import dev.strata.ingest.pipeline.LogLevels;
import dev.strata.spi.model.Labels;
import dev.strata.storage.write.LogBatch;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates pushed streams and entries the way Loki's distributor does and collects the valid
 * ones: a stream with bad labels is dropped whole, an entry that is too long or too far in the
 * future is dropped alone, and everything else of the request is kept (Loki then answers 400 with
 * the first reason). Not thread-safe; one per request.
 */
final class StreamCollector {
    /**
     * Labels Loki 3 takes {@code service_name} from when a stream has none (its
     * {@code discover_service_name} default), in order; else {@code unknown_service}.
     */
    private static final String[] SERVICE_NAME_SOURCES = {"service", "app", "application", "app_name", "name",
        "app_kubernetes_io_name", "container", "container_name", "k8s_container_name", "component", "workload",
        "job", "k8s_job_name"};
    static final String SERVICE_NAME = "service_name";
    static final String UNKNOWN_SERVICE = "unknown_service";

    private final IngestLimits limits;
    private final long maxTimestampNanos;
    private final List<LogStream> streams = new ArrayList<>();
    private long rejected;
    private String firstRejection;

    private Labels current;
    private List<LogEntry> entries;

    StreamCollector(IngestLimits limits, long maxTimestampNanos) {
        this.limits = requireNonNull(limits, "limits is null");
        this.maxTimestampNanos = maxTimestampNanos;
    }

    /** Starts a stream from alternating label names and values; false when it is refused. */
    boolean beginStream(List<String> pairs, int entryCount) {
        current = validate(pairs, entryCount);
        entries = current == null ? null : new ArrayList<>(entryCount);
        return current != null;
    }

    /** Drops a stream whose labels could not even be parsed. */
    void rejectStream(int entryCount, String reason) {
        reject(entryCount, reason);
    }

    void addEntry(long timestampNanos, String line, Labels metadata) {
        if (current == null) {
            return;
        }
        int lineBytes = line.length() <= limits.maxLineBytes() / 3 ? line.length() : LabelRules.utf8Length(line);
        if (lineBytes > limits.maxLineBytes()) {
            reject(1, "max entry size '" + limits.maxLineBytes() + "' bytes exceeded for stream '" + current
                    + "' while adding an entry with length '" + lineBytes + "' bytes");
            return;
        }
        if (timestampNanos > maxTimestampNanos) {
            reject(1, "entry for stream '" + current + "' has timestamp too new: " + timestampNanos);
            return;
        }
        String level = LogLevels.detect(current, metadata, line);
        entries.add(new LogEntry(timestampNanos, line, metadata, hexOrNull(metadata.get("trace_id")),
                hexOrNull(metadata.get("span_id")), level));
    }

    void endStream() {
        if (current != null && !entries.isEmpty()) {
            streams.add(new LogStream(current, entries));
        }
        current = null;
        entries = null;
    }

    LogBatch batch() {
        return new LogBatch(streams);
    }

    long rejected() {
        return rejected;
    }

    String firstRejection() {
        return firstRejection;
    }

    private Labels validate(List<String> pairs, int entryCount) {
        if (pairs.isEmpty()) {
            return reject(entryCount, "error at least one label pair is required per stream");
        }
        Labels.Builder builder = Labels.builder();
        int added = 0;
        for (int i = 0; i < pairs.size(); i += 2) {
            String name = pairs.get(i);
            String value = pairs.get(i + 1);
            if (!LabelRules.isValidLabelName(name)) {
                return reject(entryCount, "invalid label name \"" + name + "\" in stream " + describe(pairs));
            }
            if (name.length() > limits.maxLabelNameBytes()) {
                return reject(entryCount, "label name too long: \"" + name + "\"");
            }
            if (LabelRules.utf8Length(value) > limits.maxLabelValueBytes()) {
                return reject(entryCount, "label value too long for label \"" + name + "\"");
            }
            if (value.isEmpty()) {
                continue;
            }
            builder.add(name, value);
            added++;
            if (builder.size() != added) {
                return reject(entryCount, "stream " + describe(pairs) + " has duplicate label name: \"" + name + "\"");
            }
        }
        if (added == 0) {
            return reject(entryCount, "error at least one label pair is required per stream");
        }
        Labels labels = builder.build();
        if (labels.get(SERVICE_NAME) == null) {
            builder.add(SERVICE_NAME, discoverServiceName(labels));
            labels = builder.build();
        }
        if (labels.size() > limits.maxLabelsPerSeries()) {
            return reject(entryCount, "entry for stream '" + labels + "' has " + labels.size()
                    + " label names; limit " + limits.maxLabelsPerSeries());
        }
        return labels;
    }

    private static String discoverServiceName(Labels labels) {
        for (String source : SERVICE_NAME_SOURCES) {
            String value = labels.get(source);
            if (value != null) {
                return value;
            }
        }
        return UNKNOWN_SERVICE;
    }

    private static String describe(List<String> pairs) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < pairs.size(); i += 2) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(pairs.get(i)).append("=\"").append(pairs.get(i + 1)).append('"');
        }
        return sb.append('}').toString();
    }

    private Labels reject(long count, String reason) {
        rejected += count;
        if (firstRejection == null) {
            firstRejection = reason;
        }
        return null;
    }

    /** A metadata trace or span id is kept in the id column only when it is plain hex. */
    private static String hexOrNull(String value) {
        if (value == null || value.isEmpty() || value.length() > 32) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return null;
            }
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }
}
