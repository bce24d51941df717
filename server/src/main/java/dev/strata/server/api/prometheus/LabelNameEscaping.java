package dev.strata.server.api.prometheus;

/**
 * Undoes the {@code U__} escaping Grafana and Prometheus 3 use for label names that are not legacy
 * identifiers in URL paths ({@code model.UnescapeName} with value-encoding escaping):
 * {@code U__} prefix, {@code __} for an underscore, {@code _<hex>_} for a code point, so
 * {@code U__http_2e_server} is {@code http.server}. A name that is not validly escaped is returned
 * unchanged, as Prometheus does.
 */
final class LabelNameEscaping {
    private static final String PREFIX = "U__";

    private LabelNameEscaping() {}

    static String unescape(String name) {
        if (!name.startsWith(PREFIX)) {
            return name;
        }
        String escaped = name.substring(PREFIX.length());
        StringBuilder out = new StringBuilder(escaped.length());
        int i = 0;
        while (i < escaped.length()) {
            char c = escaped.charAt(i);
            if (c != '_') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < escaped.length() && escaped.charAt(i + 1) == '_') {
                out.append('_');
                i += 2;
                continue;
            }
            int close = escaped.indexOf('_', i + 1);
            if (close < 0 || close == i + 1) {
                return name;
            }
            int codePoint;
            try {
                codePoint = Integer.parseInt(escaped.substring(i + 1, close), 16);
            } catch (NumberFormatException e) {
                return name;
            }
            if (!Character.isValidCodePoint(codePoint)) {
                return name;
            }
            out.appendCodePoint(codePoint);
            i = close + 1;
        }
        return out.toString();
    }
}
