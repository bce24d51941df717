package dev.strata.ingest.loki;

import dev.strata.ingest.IngestErrorCode;
import dev.strata.spi.error.StrataException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a stream selector in Prometheus label syntax, {@code {app="x", env="y"}}, as Loki's
 * protobuf push carries it. Values are double-quoted (or back-quoted, raw) with Go's escapes;
 * the pairs come back in order, duplicates included, so the caller can refuse them.
 */
final class LabelSyntax {
    private final String text;
    private int pos;

    private LabelSyntax(String text) {
        this.text = text;
    }

    /** Alternating names and values. */
    static List<String> parse(String text) {
        return new LabelSyntax(text).parse();
    }

    private List<String> parse() {
        List<String> out = new ArrayList<>();
        skipSpace();
        expect('{');
        skipSpace();
        if (peek() == '}') {
            pos++;
            finish();
            return out;
        }
        while (true) {
            skipSpace();
            int start = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a label name");
            }
            String name = text.substring(start, pos);
            skipSpace();
            expect('=');
            skipSpace();
            out.add(name);
            out.add(quoted());
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
            skipSpace();
            if (peek() == '}') {
                pos++;
                break;
            }
        }
        finish();
        return out;
    }

    private void finish() {
        skipSpace();
        if (pos != text.length()) {
            throw error("unexpected text after '}'");
        }
    }

    private String quoted() {
        char quote = peek();
        if (quote == '`') {
            int end = text.indexOf('`', pos + 1);
            if (end < 0) {
                throw error("unterminated raw string");
            }
            String value = text.substring(pos + 1, end);
            pos = end + 1;
            return value;
        }
        if (quote != '"' && quote != '\'') {
            throw error("expected a quoted label value");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '"', '\'' -> sb.append(e);
                case 'x' -> sb.append((char) hex(2));
                case 'u' -> sb.append((char) hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                default -> throw error("unknown escape \\" + e);
            }
        }
    }

    private int hex(int digits) {
        if (pos + digits > text.length()) {
            throw error("short escape");
        }
        try {
            int v = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
            pos += digits;
            if (!Character.isValidCodePoint(v)) {
                throw error("invalid code point in escape");
            }
            return v;
        } catch (NumberFormatException e) {
            throw error("invalid hex escape");
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == ':';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end of labels");
        }
        return text.charAt(pos);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private StrataException error(String what) {
        return new StrataException(IngestErrorCode.INVALID_LABELS,
                "error parsing labels " + text + ": " + what + " at position " + pos);
    }
}
