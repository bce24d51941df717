package dev.strata.storage.write;

import static java.util.Objects.requireNonNull;

/**
 * An OTLP attribute value with its type kept. Arrays and key-value lists arrive already rendered
 * as JSON text (type {@link Type#JSON}).
 */
public record AttributeValue(Type type, String text, long longValue, double doubleValue, boolean boolValue) {
    public enum Type { STRING, INT, DOUBLE, BOOL, JSON, BYTES }

    public AttributeValue {
        requireNonNull(type, "type is null");
        requireNonNull(text, "text is null");
    }

    public static AttributeValue ofString(String value) {
        return new AttributeValue(Type.STRING, value, 0, 0, false);
    }

    public static AttributeValue ofLong(long value) {
        return new AttributeValue(Type.INT, Long.toString(value), value, 0, false);
    }

    public static AttributeValue ofDouble(double value) {
        return new AttributeValue(Type.DOUBLE, Double.toString(value), 0, value, false);
    }

    public static AttributeValue ofBool(boolean value) {
        return new AttributeValue(Type.BOOL, Boolean.toString(value), 0, 0, value);
    }

    public static AttributeValue ofJson(String json) {
        return new AttributeValue(Type.JSON, json, 0, 0, false);
    }

    /** Bytes attributes are kept as base64 text, as OTLP/JSON renders them. */
    public static AttributeValue ofBytes(String base64) {
        return new AttributeValue(Type.BYTES, base64, 0, 0, false);
    }
}
