package dev.strata.ingest.loki;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.Labels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a Loki push body into a {@link StreamCollector}: JSON ({@code {"streams":[{"stream":
 * {...},"values":[["<ns>","line",{metadata}]]}]}}, streamed with Jackson) or protobuf
 * {@code logproto.PushRequest} (hand-decoded, field numbers from Loki's {@code push.proto}).
 * Syntax errors fail the whole request; label and entry problems only their stream or entry.
 * Thread-safe.
 */
final class LokiPushDecoder {
    private final JsonFactory json = new JsonFactory();

    void decodeJson(byte[] body, StreamCollector out) {
        try (JsonParser p = json.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, "push request");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("streams") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        readJsonStream(p, out);
                    }
                    expect(p.currentToken(), JsonToken.END_ARRAY, "streams");
                } else if (field.equals("streams") && value != JsonToken.VALUE_NULL) {
                    throw malformed("streams must be an array");
                } else {
                    p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "push request");
            if (p.nextToken() != null) {
                throw malformed("unexpected data after the push request");
            }
        } catch (IOException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "malformed JSON push request: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private record RawEntry(long timestampNanos, String line, Labels metadata) {}

    private static void readJsonStream(JsonParser p, StreamCollector out) throws IOException {
        List<String> pairs = null;
        List<RawEntry> entries = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("stream") && value == JsonToken.START_OBJECT) {
                pairs = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    if (p.nextToken() != JsonToken.VALUE_STRING) {
                        throw malformed("label value of " + name + " must be a string");
                    }
                    pairs.add(name);
                    pairs.add(p.getText());
                }
            } else if (field.equals("values") && value == JsonToken.START_ARRAY) {
                while (p.nextToken() == JsonToken.START_ARRAY) {
                    entries.add(readJsonEntry(p));
                }
                expect(p.currentToken(), JsonToken.END_ARRAY, "values");
            } else if ((field.equals("stream") || field.equals("values")) && value != JsonToken.VALUE_NULL) {
                throw malformed(field + " has the wrong type");
            } else {
                p.skipChildren();
            }
        }
        if (out.beginStream(pairs == null ? List.of() : pairs, entries.size())) {
            for (RawEntry e : entries) {
                out.addEntry(e.timestampNanos(), e.line(), e.metadata());
            }
        }
        out.endStream();
    }

    private static RawEntry readJsonEntry(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw malformed("timestamp must be a string of Unix nanoseconds");
        }
        long ts = parseNanos(p.getText());
        if (p.nextToken() != JsonToken.VALUE_STRING) {
            throw malformed("log line must be a string");
        }
        String line = p.getText();
        Labels metadata = Labels.EMPTY;
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            Labels.Builder b = Labels.builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    throw malformed("structured metadata value of " + name + " must be a string");
                }
                b.add(name, p.getText());
            }
            metadata = b.build();
            t = p.nextToken();
        }
        if (t != JsonToken.END_ARRAY) {
            throw malformed("an entry is [timestamp, line] or [timestamp, line, {metadata}]");
        }
        return new RawEntry(ts, line, metadata);
    }

    private static long parseNanos(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw malformed("timestamp \"" + text + "\" is not an integer of Unix nanoseconds");
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw malformed(what + ": expected " + expected + " but found " + actual);
        }
    }

    private static StrataException malformed(String message) {
        return new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "malformed JSON push request: " + message);
    }

    /** PushRequest{streams=1}, StreamAdapter{labels=1, entries=2, hash=3}. */
    void decodeProtobuf(byte[] raw, StreamCollector out) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(raw);
            while (true) {
                int tag = in.readTag();
                if (tag == 0) {
                    break;
                }
                if (tag == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    int old = in.pushLimit(in.readRawVarint32());
                    readProtoStream(in, out);
                    in.popLimit(old);
                } else {
                    skip(in, tag, 1, 1);
                }
            }
        } catch (IOException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "malformed protobuf push request: " + e.getMessage(), e);
        }
    }

    private static void readProtoStream(CodedInputStream in, StreamCollector out) throws IOException {
        String labels = null;
        List<RawEntry> entries = new ArrayList<>();
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> labels = in.readString();
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int old = in.pushLimit(in.readRawVarint32());
                    entries.add(readProtoEntry(in));
                    in.popLimit(old);
                }
                case (3 << 3) | WireFormat.WIRETYPE_VARINT -> in.readUInt64();
                default -> skip(in, tag, 1, 3);
            }
        }
        List<String> pairs;
        if (labels == null) {
            pairs = List.of();
        } else {
            try {
                pairs = LabelSyntax.parse(labels);
            } catch (StrataException e) {
                // Loki drops only this stream and reports it; the rest of the push is kept.
                out.rejectStream(entries.size(), e.getMessage());
                return;
            }
        }
        if (out.beginStream(pairs, entries.size())) {
            for (RawEntry e : entries) {
                out.addEntry(e.timestampNanos(), e.line(), e.metadata());
            }
        }
        out.endStream();
    }

    /** EntryAdapter{timestamp=1 Timestamp{seconds=1, nanos=2}, line=2, structuredMetadata=3 {name=1, value=2}}. */
    private static RawEntry readProtoEntry(CodedInputStream in) throws IOException {
        long seconds = 0;
        int nanos = 0;
        String line = "";
        Labels.Builder metadata = null;
        while (true) {
            int tag = in.readTag();
            if (tag == 0) {
                break;
            }
            switch (tag) {
                case (1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int old = in.pushLimit(in.readRawVarint32());
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        if (t == ((1 << 3) | WireFormat.WIRETYPE_VARINT)) {
                            seconds = in.readInt64();
                        } else if (t == ((2 << 3) | WireFormat.WIRETYPE_VARINT)) {
                            nanos = in.readInt32();
                        } else {
                            skip(in, t, 1, 2);
                        }
                    }
                    in.popLimit(old);
                }
                case (2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> line = in.readString();
                case (3 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int old = in.pushLimit(in.readRawVarint32());
                    String name = "";
                    String value = "";
                    while (true) {
                        int t = in.readTag();
                        if (t == 0) {
                            break;
                        }
                        if (t == ((1 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                            name = in.readString();
                        } else if (t == ((2 << 3) | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                            value = in.readString();
                        } else {
                            skip(in, t, 1, 2);
                        }
                    }
                    in.popLimit(old);
                    if (!name.isEmpty()) {
                        if (metadata == null) {
                            metadata = Labels.builder();
                        }
                        metadata.add(name, value);
                    }
                }
                default -> skip(in, tag, 1, 3);
            }
        }
        long ts;
        try {
            ts = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
        } catch (ArithmeticException e) {
            throw new InvalidProtocolBufferException("timestamp out of range: " + seconds + "s");
        }
        return new RawEntry(ts, line, metadata == null ? Labels.EMPTY : metadata.build());
    }

    private static void skip(CodedInputStream in, int tag, int firstKnown, int lastKnown) throws IOException {
        int field = WireFormat.getTagFieldNumber(tag);
        if (field >= firstKnown && field <= lastKnown) {
            throw new InvalidProtocolBufferException("field " + field + " has wrong wire type " + WireFormat.getTagWireType(tag));
        }
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("unexpected end-group tag");
        }
    }
}
