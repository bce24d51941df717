package dev.strata.tests.wire;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Loki push bodies. Protobuf ({@code logproto.PushRequest}): {@code PushRequest{streams=1}},
 * {@code StreamAdapter{labels=1 (text form {a="x", b="y"}), entries=2}},
 * {@code EntryAdapter{timestamp=1 (google.protobuf.Timestamp{seconds=1, nanos=2}), line=2,
 * structuredMetadata=3 ({name=1, value=2})}}, snappy block-compressed. JSON:
 * {@code {"streams":[{"stream":{...},"values":[["<ns>","line",{metadata}]]}]}}.
 */
public final class LokiPushEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LokiPushEncoder() {}

    public record Entry(long timestampNs, String line, Map<String, String> metadata) {
        public Entry {
            requireNonNull(line, "line is null");
            metadata = new TreeMap<>(requireNonNull(metadata, "metadata is null"));
        }
    }

    public record Stream(Map<String, String> labels, List<Entry> entries) {
        public Stream {
            labels = new TreeMap<>(requireNonNull(labels, "labels is null"));
            entries = List.copyOf(entries);
        }
    }

    /** Prometheus text form of a label set, as Promtail sends it: {@code {app="a", env="b"}}. */
    public static String labelsText(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            if (out.length() > 1) {
                out.append(", ");
            }
            out.append(label.getKey()).append("=\"");
            String value = label.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '"' -> out.append("\\\"");
                    case '\n' -> out.append("\\n");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
        return out.append('}').toString();
    }

    /** The uncompressed protobuf {@code PushRequest}. */
    public static byte[] protobuf(List<Stream> streams) {
        return ProtoMessages.message(out -> {
            for (Stream stream : streams) {
                out.writeByteArray(1, encodeStream(labelsText(stream.labels()), stream.entries()));
            }
        });
    }

    /** A {@code PushRequest} of one stream whose label text is sent verbatim, valid or not. */
    public static byte[] protobufWithLabelText(String labelsText, List<Entry> entries) {
        return ProtoMessages.message(out -> out.writeByteArray(1, encodeStream(labelsText, entries)));
    }

    private static byte[] encodeStream(String labelsText, List<Entry> entries) {
        return ProtoMessages.message(s -> {
            s.writeString(1, labelsText);
            for (Entry entry : entries) {
                s.writeByteArray(2, encodeEntry(entry));
            }
        });
    }

    /** The protobuf body as sent: snappy block-compressed. */
    public static byte[] protobufBody(List<Stream> streams) {
        return RemoteWriteEncoder.snappy(protobuf(streams));
    }

    public static byte[] json(List<Stream> streams) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("streams");
        for (Stream stream : streams) {
            ObjectNode node = array.addObject();
            ObjectNode labels = node.putObject("stream");
            stream.labels().forEach(labels::put);
            ArrayNode values = node.putArray("values");
            for (Entry entry : stream.entries()) {
                ArrayNode value = values.addArray();
                value.add(Long.toString(entry.timestampNs()));
                value.add(entry.line());
                if (!entry.metadata().isEmpty()) {
                    ObjectNode metadata = value.addObject();
                    entry.metadata().forEach(metadata::put);
                }
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Map<String, String> protobufHeaders(String tenant) {
        return Map.of("Content-Type", "application/x-protobuf", "X-Scope-OrgID", tenant);
    }

    public static Map<String, String> jsonHeaders(String tenant) {
        return Map.of("Content-Type", "application/json", "X-Scope-OrgID", tenant);
    }

    public static Map<String, String> gzipJsonHeaders(String tenant) {
        return Map.of("Content-Type", "application/json", "Content-Encoding", "gzip", "X-Scope-OrgID", tenant);
    }

    private static byte[] encodeEntry(Entry entry) {
        return ProtoMessages.message(e -> {
            e.writeByteArray(1, ProtoMessages.message(t -> {
                t.writeInt64(1, Math.floorDiv(entry.timestampNs(), 1_000_000_000L));
                t.writeInt32(2, (int) Math.floorMod(entry.timestampNs(), 1_000_000_000L));
            }));
            e.writeString(2, entry.line());
            for (Map.Entry<String, String> pair : entry.metadata().entrySet()) {
                e.writeByteArray(3, ProtoMessages.message(p -> {
                    p.writeString(1, pair.getKey());
                    p.writeString(2, pair.getValue());
                }));
            }
        });
    }
}
