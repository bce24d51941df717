package dev.strata.ingest.pipeline;

/**
 * Prometheus's classic naming rules, which every protocol's labels must pass before they reach
 * the index: label names {@code [a-zA-Z_][a-zA-Z0-9_]*}, metric names
 * {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, values valid UTF-8. The query front-ends parse only these
 * names, so UTF-8 names (Prometheus 3's optional scheme) are refused rather than stored
 * unreachable.
 */
public final class LabelRules {
    private LabelRules() {}

    public static boolean isValidLabelName(CharSequence name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    public static boolean isValidMetricName(CharSequence name) {
        int n = name.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':'
                    || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether the bytes are a valid label name, without decoding them. */
    public static boolean isValidLabelName(byte[] buf, int offset, int length) {
        if (length == 0) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = buf[offset + i];
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF). */
    public static boolean isValidUtf8(byte[] buf, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xff;
            if (b >= 0xc2 && b <= 0xdf) {
                if (i + 1 >= end || !cont(buf[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                if (i + 2 >= end || !cont(buf[i + 1]) || !cont(buf[i + 2])) {
                    return false;
                }
                int b1 = buf[i + 1] & 0xff;
                if ((b == 0xe0 && b1 < 0xa0) || (b == 0xed && b1 > 0x9f)) {
                    return false;
                }
                i += 3;
            } else if (b >= 0xf0 && b <= 0xf4) {
                if (i + 3 >= end || !cont(buf[i + 1]) || !cont(buf[i + 2]) || !cont(buf[i + 3])) {
                    return false;
                }
                int b1 = buf[i + 1] & 0xff;
                if ((b == 0xf0 && b1 < 0x90) || (b == 0xf4 && b1 > 0x8f)) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean cont(byte b) {
        return (b & 0xc0) == 0x80;
    }

    /** UTF-8 length of a Java string (unpaired surrogates count as the 3 bytes of U+FFFD). */
    public static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
