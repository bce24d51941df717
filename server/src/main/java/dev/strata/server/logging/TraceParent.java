package dev.strata.server.logging;

import java.util.Optional;

/**
 * W3C trace context: the trace id of a {@code traceparent} header
 * ({@code version-traceid-parentid-flags}, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}).
 */
public final class TraceParent {
    public static final String HEADER = "traceparent";

    private TraceParent() {}

    /** The 32-hex-digit trace id, or empty when the header is absent or malformed (it is then ignored). */
    public static Optional<String> traceId(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        // version(2) '-' trace-id(32) '-' parent-id(16) '-' flags(2); later versions may append fields
        if (value.length() < 55 || value.charAt(2) != '-' || value.charAt(35) != '-' || value.charAt(52) != '-') {
            return Optional.empty();
        }
        if (!isLowerHex(value, 0, 2) || value.startsWith("ff") || !isLowerHex(value, 3, 35)
                || !isLowerHex(value, 36, 52) || !isLowerHex(value, 53, 55)) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        if (traceId.equals("00000000000000000000000000000000")) {
            return Optional.empty();
        }
        return Optional.of(traceId);
    }

    private static boolean isLowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
