package dev.strata.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * A request body as received.
 *
 * @param contentType the Content-Type header, or "" when absent. Parameters may be kept (remote
 *     write needs {@code proto=} to tell 1.0 from 2.0); {@link #mediaType()} strips them
 * @param contentEncoding the Content-Encoding header, or "" when absent
 */
public record IngestRequest(String contentType, String contentEncoding, byte[] body) {
    public IngestRequest {
        requireNonNull(contentType, "contentType is null");
        requireNonNull(contentEncoding, "contentEncoding is null");
        requireNonNull(body, "body is null");
    }

    /** The media type without parameters, trimmed and lower case ("" when absent). */
    public String mediaType() {
        int semicolon = contentType.indexOf(';');
        String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return type.trim().toLowerCase(Locale.ROOT);
    }

    /** The value of a Content-Type parameter such as {@code proto}, unquoted, or null. */
    public String contentTypeParameter(String name) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String part = parts[i].trim();
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = part.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    /** The Content-Encoding, trimmed and lower case. */
    public String encoding() {
        return contentEncoding.trim().toLowerCase(Locale.ROOT);
    }
}
