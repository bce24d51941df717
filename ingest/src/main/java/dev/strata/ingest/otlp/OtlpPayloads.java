package dev.strata.ingest.otlp;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import com.google.protobuf.util.JsonFormat;
import dev.strata.ingest.IngestErrorCode;
import dev.strata.ingest.IngestRequest;
import dev.strata.ingest.pipeline.IngestLimits;
import dev.strata.ingest.pipeline.Payloads;
import dev.strata.spi.error.StrataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns an OTLP/HTTP body into a request message: {@code application/x-protobuf} is binary
 * protobuf, {@code application/json} is OTLP/JSON. OTLP/JSON differs from protobuf's canonical
 * JSON mapping in one way that matters: trace and span ids are hex, not base64, so they are
 * rewritten (a streaming copy) before protobuf's {@link JsonFormat} parser reads the message.
 * Enums as integers, 64-bit integers as strings or numbers, and unknown fields are accepted by
 * that parser as OTLP requires. Thread-safe.
 */
final class OtlpPayloads {
    private static final Set<String> ID_FIELDS =
            Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

    private final JsonFactory json = new JsonFactory();
    private final JsonFormat.Parser parser = JsonFormat.parser().ignoringUnknownFields();
    private final IngestLimits limits;

    OtlpPayloads(IngestLimits limits) {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /**
     * Decompresses and parses the body: binary with the message's own parser (faster than merging
     * into a builder), JSON into a fresh builder.
     */
    <M extends Message> M parse(IngestRequest request, Parser<M> binary, Supplier<Message.Builder> jsonBuilder) {
        String mediaType = request.mediaType();
        boolean isJson = mediaType.equals("application/json");
        if (!isJson && !mediaType.equals("application/x-protobuf")) {
            throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported content type \"" + request.contentType()
                            + "\"; OTLP/HTTP accepts application/x-protobuf and application/json");
        }
        // Zero bytes are a valid, empty protobuf message (gRPC passes such requests on as they
        // are), but never valid JSON.
        if (request.body().length == 0 && isJson) {
            throw new StrataException(IngestErrorCode.EMPTY_BODY, "empty OTLP JSON request body");
        }
        byte[] body = switch (request.encoding()) {
            case "", "identity" -> Payloads.identity(request.body(), limits.maxDecompressedBytes());
            case "gzip", "x-gzip" -> Payloads.gunzip(request.body(), limits.maxDecompressedBytes());
            default -> throw new StrataException(IngestErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "unsupported content encoding \"" + request.contentEncoding() + "\"; OTLP/HTTP accepts gzip");
        };
        try {
            if (isJson) {
                Message.Builder builder = jsonBuilder.get();
                parser.merge(hexIdsToBase64(body), builder);
                @SuppressWarnings("unchecked")
                M message = (M) builder.build();
                return message;
            }
            return binary.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD,
                    "malformed OTLP " + (isJson ? "JSON" : "protobuf") + " request: " + e.getMessage(), e);
        }
    }

    /** Copies the JSON, replacing hex id strings by the base64 protobuf's JSON mapping expects. */
    String hexIdsToBase64(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + body.length / 8);
        try (JsonParser p = json.createParser(body); JsonGenerator g = json.createGenerator(out)) {
            boolean idField = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    idField = ID_FIELDS.contains(p.currentName());
                    g.copyCurrentEvent(p);
                    continue;
                }
                if (idField && t == JsonToken.VALUE_STRING) {
                    g.writeString(hexToBase64(p.getText()));
                } else {
                    g.copyCurrentEvent(p);
                }
                idField = false;
            }
        } catch (IOException e) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD,
                    "malformed OTLP JSON request: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String hexToBase64(String hex) {
        if ((hex.length() & 1) != 0) {
            throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "invalid hex id \"" + hex + "\"");
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new StrataException(IngestErrorCode.MALFORMED_PAYLOAD, "invalid hex id \"" + hex + "\"");
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return Base64.getEncoder().encodeToString(bytes);
    }
}
