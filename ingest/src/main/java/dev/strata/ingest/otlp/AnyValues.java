package dev.strata.ingest.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.strata.storage.write.AttributeValue;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conversions of OTLP attribute values: typed, as label text, as JSON. Thread-safe. */
final class AnyValues {
    private static final HexFormat HEX = HexFormat.of();

    private final JsonFactory json = new JsonFactory();

    Map<String, AttributeValue> typed(List<KeyValue> attributes) {
        if (attributes.isEmpty()) {
            return Map.of();
        }
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (KeyValue kv : attributes) {
            map.put(kv.getKey(), typed(kv.getValue()));
        }
        return map;
    }

    AttributeValue typed(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> AttributeValue.ofString(value.getStringValue());
            case BOOL_VALUE -> AttributeValue.ofBool(value.getBoolValue());
            case INT_VALUE -> AttributeValue.ofLong(value.getIntValue());
            case DOUBLE_VALUE -> AttributeValue.ofDouble(value.getDoubleValue());
            case BYTES_VALUE -> AttributeValue.ofBytes(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE, KVLIST_VALUE -> AttributeValue.ofJson(toJson(value));
            default -> AttributeValue.ofString("");
        };
    }

    /** The value as label or metadata text: strings as is, numbers as Prometheus prints them, the rest as JSON. */
    String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> formatDouble(value.getDoubleValue());
            case BYTES_VALUE -> Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray());
            case ARRAY_VALUE, KVLIST_VALUE -> toJson(value);
            default -> "";
        };
    }

    /** Go's {@code strconv.FormatFloat(v, 'f', -1, 64)}: shortest digits, never an exponent. */
    static String formatDouble(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v) < 0 ? "-0" : "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    String toJson(AnyValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = json.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, AnyValue value) throws IOException {
        switch (value.getValueCase()) {
            case STRING_VALUE -> g.writeString(value.getStringValue());
            case BOOL_VALUE -> g.writeBoolean(value.getBoolValue());
            case INT_VALUE -> g.writeNumber(value.getIntValue());
            case DOUBLE_VALUE -> {
                double d = value.getDoubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    g.writeString(formatDouble(d));
                } else {
                    g.writeNumber(d);
                }
            }
            case BYTES_VALUE -> g.writeString(Base64.getEncoder().encodeToString(value.getBytesValue().toByteArray()));
            case ARRAY_VALUE -> {
                g.writeStartArray();
                for (AnyValue v : value.getArrayValue().getValuesList()) {
                    write(g, v);
                }
                g.writeEndArray();
            }
            case KVLIST_VALUE -> {
                g.writeStartObject();
                for (KeyValue kv : value.getKvlistValue().getValuesList()) {
                    g.writeFieldName(kv.getKey());
                    write(g, kv.getValue());
                }
                g.writeEndObject();
            }
            default -> g.writeNull();
        }
    }

    /** Lower-case hex of an id, or null when it is empty. */
    static String hexOrNull(com.google.protobuf.ByteString id) {
        return id.isEmpty() ? null : HEX.formatHex(id.toByteArray());
    }

    static boolean isValidId(com.google.protobuf.ByteString id, int length) {
        if (id.size() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (id.byteAt(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The string value of a resource attribute, or null. */
    static String stringAttribute(List<KeyValue> attributes, String key) {
        for (KeyValue kv : attributes) {
            if (kv.getKey().equals(key)) {
                return kv.getValue().hasStringValue() ? kv.getValue().getStringValue() : null;
            }
        }
        return null;
    }
}
