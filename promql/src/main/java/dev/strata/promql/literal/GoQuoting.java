package dev.strata.promql.literal;

/**
 * Go's quoting rules, which Prometheus uses both to read string literals (escapes {@code \n},
 * {@code \x41}, {@code \u00e9}, octal {@code \101}, ...) and to print them ({@code strconv.Quote}).
 *
 * <p>In Go a {@code \xNN} or octal escape is a raw byte, so {@code "\xc3\xa9"} is {@code é}.
 * Unquoting decodes each run of such bytes as UTF-8; a byte that is not part of a valid UTF-8
 * sequence becomes the lone surrogate {@code U+DC00 + byte} (Python's "surrogateescape"), so the
 * string still says it is not valid UTF-8 ({@link #isValidUtf8}) and {@link #quote} prints the
 * byte back as {@code \xNN}.
 */
public final class GoQuoting {
    private GoQuoting() {}

    /**
     * Unquotes a PromQL string token including its quotes: {@code "..."} and {@code '...'} with
     * escapes, {@code `...`} raw.
     */
    public static String unquote(String token) throws LiteralSyntaxException {
        if (token.length() < 2) {
            throw new LiteralSyntaxException("unterminated quoted string");
        }
        char quote = token.charAt(0);
        String body = token.substring(1, token.length() - 1);
        if (quote == '`') {
            return body;
        }
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            boolean byteEscape = c == '\\' && i + 1 < body.length() && (body.charAt(i + 1) == 'x'
                    || (body.charAt(i + 1) >= '0' && body.charAt(i + 1) <= '7'));
            if (!byteEscape && bytes.size() > 0) {
                appendUtf8(out, bytes.toByteArray());
                bytes.reset();
            }
            if (c != '\\') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 >= body.length()) {
                throw new LiteralSyntaxException("escape sequence not terminated");
            }
            int cp = body.codePointAt(i + 1);
            i += 1 + Character.charCount(cp);
            switch (cp) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    bytes.write(numericEscape(body, quote, i - 1, 3, 8, 255));
                    i += 2;
                }
                case 'x' -> {
                    bytes.write(numericEscape(body, quote, i, 2, 16, 255));
                    i += 2;
                }
                case 'u' -> {
                    out.appendCodePoint(numericEscape(body, quote, i, 4, 16, Character.MAX_CODE_POINT));
                    i += 4;
                }
                case 'U' -> {
                    out.appendCodePoint(numericEscape(body, quote, i, 8, 16, Character.MAX_CODE_POINT));
                    i += 8;
                }
                default -> {
                    if (cp == quote) {
                        out.append(quote);
                    } else {
                        throw new LiteralSyntaxException("unknown escape sequence " + formatUnicode(cp));
                    }
                }
            }
        }
        if (bytes.size() > 0) {
            appendUtf8(out, bytes.toByteArray());
        }
        return out.toString();
    }

    /** True unless {@code s} holds a byte that was not valid UTF-8 (a lone surrogate). */
    public static boolean isValidUtf8(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** Decodes UTF-8 {@code bytes}; each byte outside a valid sequence becomes {@code U+DC00 + byte}. */
    private static void appendUtf8(StringBuilder out, byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
            int cp = length == 1 ? b : length == 2 ? b & 0x1f : length == 3 ? b & 0x0f : b & 0x07;
            boolean valid = length > 0 && i + length <= bytes.length;
            for (int k = 1; valid && k < length; k++) {
                int next = bytes[i + k] & 0xff;
                valid = (next & 0xc0) == 0x80;
                cp = (cp << 6) | (next & 0x3f);
            }
            // overlong forms, surrogates and code points above U+10FFFF are not valid UTF-8 either
            valid = valid && !(length == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)))
                    && !(length == 4 && (cp < 0x10000 || cp > Character.MAX_CODE_POINT));
            if (valid) {
                out.appendCodePoint(cp);
                i += length;
            } else {
                out.append((char) (0xdc00 + b));
                i++;
            }
        }
    }

    private static int numericEscape(String body, char quote, int start, int digits, int base, int max) throws LiteralSyntaxException {
        long value = 0;
        for (int k = 0; k < digits; k++) {
            if (start + k >= body.length()) {
                // the escape ran into the closing quote
                throw new LiteralSyntaxException("illegal character " + formatUnicode(quote) + " in escape sequence");
            }
            char ch = body.charAt(start + k);
            int d = Character.digit(ch, 16);
            if (d < 0 || d >= base || ch > 'f') {
                throw new LiteralSyntaxException("illegal character " + formatUnicode(ch) + " in escape sequence");
            }
            value = value * base + d;
        }
        if (value > max || (value >= 0xD800 && value < 0xE000)) {
            throw new LiteralSyntaxException("escape sequence is an invalid Unicode code point");
        }
        return (int) value;
    }

    /** Go's {@code strconv.Quote}: double quotes, printable characters kept, the rest escaped. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2);
        out.append('"');
        appendEscaped(out, s, '"');
        return out.append('"').toString();
    }

    /** Go's {@code %q} of a single rune: {@code 'x'}. */
    public static String quoteRune(int codePoint) {
        StringBuilder out = new StringBuilder(8);
        out.append('\'');
        appendEscaped(out, new String(Character.toChars(codePoint)), '\'');
        return out.append('\'').toString();
    }

    /** Go's {@code %#U}: {@code U+0063 'c'}. */
    public static String formatUnicode(int codePoint) {
        String hex = String.format("U+%04X", codePoint);
        return isPrint(codePoint) ? hex + " '" + new String(Character.toChars(codePoint)) + "'" : hex;
    }

    private static void appendEscaped(StringBuilder out, String s, char quote) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp >= 0xdc80 && cp <= 0xdcff) {
                // a byte that was not valid UTF-8 (see unquote), printed as Go prints it
                out.append(String.format("\\x%02x", cp - 0xdc00));
            } else if (isPrint(cp)) {
                out.appendCodePoint(cp);
            } else {
                switch (cp) {
                    case 0x07 -> out.append("\\a");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case 0x0b -> out.append("\\v");
                    default -> {
                        if (cp < ' ' || cp == 0x7f) {
                            out.append(String.format("\\x%02x", cp));
                        } else if (cp < 0x10000) {
                            out.append(String.format("\\u%04x", cp));
                        } else {
                            out.append(String.format("\\U%08x", cp));
                        }
                    }
                }
            }
        }
    }

    /** Go's {@code strconv.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
