package dev.strata.storage.wal;

import dev.strata.spi.model.Labels;
import dev.strata.storage.write.AttributeValue;
import dev.strata.storage.write.LogEntry;
import dev.strata.storage.write.LogStream;
import dev.strata.storage.write.MetricMetadata;
import dev.strata.storage.write.MetricType;
import dev.strata.storage.write.SpanEvent;
import dev.strata.storage.write.SpanLink;
import dev.strata.storage.write.SpanRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes the bodies of the typed records (layouts in {@code docs/format/wal.md}).
 * Every body starts with the type byte and the tenant.
 */
public final class WalRecords {
    private WalRecords() {}

    /** Receives the samples of one series of a {@code SAMPLES} record; the arrays are reused between calls. */
    @FunctionalInterface
    public interface SampleSink {
        void accept(long seriesId, long[] timestampsMillis, double[] values, int count);
    }

    /** Receives one series of a {@code SERIES} record. */
    @FunctionalInterface
    public interface SeriesSink {
        void accept(long seriesId, Labels labels);
    }

    /** Starts a {@code SAMPLES} body; follow with {@link #addSeriesSamples} {@code seriesCount} times. */
    public static void beginSamples(WalEncoder encoder, String tenant, int seriesCount) {
        encoder.begin(WalRecordType.SAMPLES, tenant);
        encoder.writeVarint(seriesCount);
    }

    /** Timestamps as the first value then zig-zag varint deltas; values as raw IEEE-754 bits. */
    public static void addSeriesSamples(WalEncoder encoder, long seriesId, long[] ts, double[] values, int count) {
        encoder.writeLong(seriesId);
        encoder.writeVarint(count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long delta = ts[i] - previous;
            encoder.writeVarint((delta << 1) ^ (delta >> 63));
            previous = ts[i];
        }
        for (int i = 0; i < count; i++) {
            encoder.writeDouble(values[i]);
        }
    }

    public static void decodeSamples(WalDecoder decoder, SampleSink sink) {
        int series = decoder.readCount();
        long[] ts = new long[16];
        double[] values = new double[16];
        for (int s = 0; s < series; s++) {
            long id = decoder.readLong();
            int count = decoder.readCount();
            if (ts.length < count) {
                ts = new long[count];
                values = new double[count];
            }
            long previous = 0;
            for (int i = 0; i < count; i++) {
                long zigzag = decoder.readVarint();
                previous += (zigzag >>> 1) ^ -(zigzag & 1);
                ts[i] = previous;
            }
            for (int i = 0; i < count; i++) {
                values[i] = decoder.readDouble();
            }
            sink.accept(id, ts, values, count);
        }
    }

    public static void beginSeries(WalEncoder encoder, String tenant, int count) {
        encoder.begin(WalRecordType.SERIES, tenant);
        encoder.writeVarint(count);
    }

    public static void addSeries(WalEncoder encoder, long seriesId, Labels labels) {
        encoder.writeLong(seriesId);
        encoder.writeLabels(labels);
    }

    public static void decodeSeries(WalDecoder decoder, SeriesSink sink) {
        int n = decoder.readCount();
        for (int i = 0; i < n; i++) {
            long id = decoder.readLong();
            sink.accept(id, decoder.readLabels());
        }
    }

    public static byte[] encodeMetadata(String tenant, List<MetricMetadata> metadata) {
        WalEncoder encoder = new WalEncoder(64 * metadata.size() + 32);
        encodeMetadata(encoder, tenant, metadata);
        return encoder.toByteArray();
    }

    /** Writes a {@code METADATA} body into {@code encoder} (from its start). */
    public static void encodeMetadata(WalEncoder encoder, String tenant, List<MetricMetadata> metadata) {
        encoder.begin(WalRecordType.METADATA, tenant);
        encoder.writeVarint(metadata.size());
        for (MetricMetadata m : metadata) {
            encoder.writeString(m.metricFamily());
            encoder.writeString(m.type().name());
            encoder.writeString(m.help());
            encoder.writeString(m.unit());
        }
    }

    public static List<MetricMetadata> decodeMetadata(WalDecoder decoder) {
        int n = decoder.readCount();
        List<MetricMetadata> result = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            result.add(new MetricMetadata(decoder.readString(), MetricType.valueOf(decoder.readString()), decoder.readString(),
                    decoder.readString()));
        }
        return result;
    }

    public static byte[] encodeLogs(String tenant, List<LogStream> streams) {
        WalEncoder encoder = new WalEncoder(4096);
        encoder.begin(WalRecordType.LOGS, tenant);
        encoder.writeVarint(streams.size());
        for (LogStream stream : streams) {
            encoder.writeLabels(stream.labels());
            encoder.writeVarint(stream.entries().size());
            for (LogEntry e : stream.entries()) {
                encoder.writeLong(e.timestampNanos());
                encoder.writeString(e.line());
                encoder.writeLabels(e.metadata());
                encoder.writeNullableString(e.traceId());
                encoder.writeNullableString(e.spanId());
                encoder.writeNullableString(e.level());
            }
        }
        return encoder.toByteArray();
    }

    public static List<LogStream> decodeLogs(WalDecoder decoder) {
        int n = decoder.readCount();
        List<LogStream> streams = new ArrayList<>(n);
        for (int s = 0; s < n; s++) {
            Labels labels = decoder.readLabels();
            int entries = decoder.readCount();
            List<LogEntry> list = new ArrayList<>(entries);
            for (int i = 0; i < entries; i++) {
                list.add(new LogEntry(decoder.readLong(), decoder.readString(), decoder.readLabels(), decoder.readNullableString(),
                        decoder.readNullableString(), decoder.readNullableString()));
            }
            streams.add(new LogStream(labels, list));
        }
        return streams;
    }

    public static byte[] encodeSpans(String tenant, List<SpanRecord> spans) {
        WalEncoder encoder = new WalEncoder(1024);
        encoder.begin(WalRecordType.SPANS, tenant);
        encoder.writeVarint(spans.size());
        for (SpanRecord s : spans) {
            encoder.writeString(s.traceId());
            encoder.writeString(s.spanId());
            encoder.writeNullableString(s.parentSpanId());
            encoder.writeNullableString(s.traceState());
            encoder.writeString(s.name());
            encoder.writeString(s.kind());
            encoder.writeString(s.serviceName());
            encoder.writeLong(s.startNanos());
            encoder.writeLong(s.endNanos());
            encoder.writeString(s.statusCode());
            encoder.writeNullableString(s.statusMessage());
            writeAttributes(encoder, s.attributes());
            writeAttributes(encoder, s.resourceAttributes());
            encoder.writeNullableString(s.scopeName());
            encoder.writeNullableString(s.scopeVersion());
            encoder.writeVarint(s.events().size());
            for (SpanEvent e : s.events()) {
                encoder.writeLong(e.timestampNanos());
                encoder.writeString(e.name());
                writeAttributes(encoder, e.attributes());
            }
            encoder.writeVarint(s.links().size());
            for (SpanLink l : s.links()) {
                encoder.writeString(l.traceId());
                encoder.writeString(l.spanId());
                encoder.writeNullableString(l.traceState());
                writeAttributes(encoder, l.attributes());
            }
        }
        return encoder.toByteArray();
    }

    public static List<SpanRecord> decodeSpans(WalDecoder d) {
        int n = d.readCount();
        List<SpanRecord> spans = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String traceId = d.readString();
            String spanId = d.readString();
            String parent = d.readNullableString();
            String traceState = d.readNullableString();
            String name = d.readString();
            String kind = d.readString();
            String service = d.readString();
            long start = d.readLong();
            long end = d.readLong();
            String statusCode = d.readString();
            String statusMessage = d.readNullableString();
            Map<String, AttributeValue> attributes = readAttributes(d);
            Map<String, AttributeValue> resource = readAttributes(d);
            String scopeName = d.readNullableString();
            String scopeVersion = d.readNullableString();
            int eventCount = d.readCount();
            List<SpanEvent> events = new ArrayList<>(eventCount);
            for (int e = 0; e < eventCount; e++) {
                events.add(new SpanEvent(d.readLong(), d.readString(), readAttributes(d)));
            }
            int linkCount = d.readCount();
            List<SpanLink> links = new ArrayList<>(linkCount);
            for (int l = 0; l < linkCount; l++) {
                links.add(new SpanLink(d.readString(), d.readString(), d.readNullableString(), readAttributes(d)));
            }
            spans.add(new SpanRecord(traceId, spanId, parent, traceState, name, kind, service, start, end, statusCode, statusMessage,
                    attributes, resource, scopeName, scopeVersion, events, links));
        }
        return spans;
    }

    private static void writeAttributes(WalEncoder encoder, Map<String, AttributeValue> attributes) {
        encoder.writeVarint(attributes.size());
        for (Map.Entry<String, AttributeValue> e : attributes.entrySet()) {
            AttributeValue v = e.getValue();
            encoder.writeString(e.getKey());
            encoder.writeByte(v.type().ordinal());
            encoder.writeString(v.text());
            encoder.writeLong(v.longValue());
            encoder.writeDouble(v.doubleValue());
            encoder.writeBoolean(v.boolValue());
        }
    }

    private static Map<String, AttributeValue> readAttributes(WalDecoder decoder) {
        int n = decoder.readCount();
        Map<String, AttributeValue> result = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String key = decoder.readString();
            AttributeValue.Type type = AttributeValue.Type.values()[decoder.readByte()];
            result.put(key, new AttributeValue(type, decoder.readString(), decoder.readLong(), decoder.readDouble(), decoder.readBoolean()));
        }
        return result;
    }
}
