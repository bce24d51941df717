package dev.strata.promql.literal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Expected values are what Go's strconv.Quote / fmt %q / %#U print. */
final class TestGoQuoting {
    @Test
    void quotesLikeStrconvQuote() {
        assertThat(GoQuoting.quote("plain")).isEqualTo("\"plain\"");
        assertThat(GoQuoting.quote("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(GoQuoting.quote("\n\t\r\u0007\b\f\u000b")).isEqualTo("\"\\n\\t\\r\\a\\b\\f\\v\"");
        assertThat(GoQuoting.quote("\u0001\u007f")).isEqualTo("\"\\x01\\x7f\"");
        assertThat(GoQuoting.quote("üñí€")).isEqualTo("\"üñí€\"");
        assertThat(GoQuoting.quote("\u00a0\u200b")).isEqualTo("\"\\u00a0\\u200b\"");
        assertThat(GoQuoting.quote("\uD83D\uDE00")).isEqualTo("\"\uD83D\uDE00\"");
        assertThat(GoQuoting.quote("it's")).isEqualTo("\"it's\"");
    }

    @Test
    void quotesRunes() {
        assertThat(GoQuoting.quoteRune('}')).isEqualTo("'}'");
        assertThat(GoQuoting.quoteRune('\'')).isEqualTo("'\\''");
        assertThat(GoQuoting.quoteRune('"')).isEqualTo("'\"'");
        assertThat(GoQuoting.formatUnicode('c')).isEqualTo("U+0063 'c'");
        assertThat(GoQuoting.formatUnicode('\n')).isEqualTo("U+000A");
    }

    @Test
    void unquotesAllEscapeForms() throws LiteralSyntaxException {
        assertThat(GoQuoting.unquote("\"a\\\"b\"")).isEqualTo("a\"b");
        assertThat(GoQuoting.unquote("'a\\'b'")).isEqualTo("a'b");
        assertThat(GoQuoting.unquote("\"\\x41\\101\\u0042\\U00000043\"")).isEqualTo("AABC");
        assertThat(GoQuoting.unquote("`\\x41`")).isEqualTo("\\x41");
        assertThat(GoQuoting.unquote("\"\"")).isEmpty();
    }

    @Test
    void byteEscapesAreUtf8AndInvalidBytesSurviveARoundTrip() throws LiteralSyntaxException {
        // Go: "\xc3\xa9" and "\303\251" are the two bytes of é
        assertThat(GoQuoting.unquote("\"\\xc3\\xa9-\\303\\251\"")).isEqualTo("é-é");
        assertThat(GoQuoting.unquote("\"\\xe2\\x82\\xac\"")).isEqualTo("€");
        String invalid = GoQuoting.unquote("\"a\\xffb\\xc3\"");
        assertThat(GoQuoting.isValidUtf8(invalid)).isFalse();
        assertThat(GoQuoting.quote(invalid)).isEqualTo("\"a\\xffb\\xc3\"");
        assertThat(GoQuoting.isValidUtf8(GoQuoting.unquote("\"\\xf0\\x9f\\x98\\x80~\""))).isTrue();
        // an overlong encoding of '/' is not UTF-8
        assertThat(GoQuoting.isValidUtf8(GoQuoting.unquote("\"\\xc0\\xaf\""))).isFalse();
    }

    @Test
    void rejectsBadEscapesWithPrometheusMessages() {
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\c\"")).hasMessage("unknown escape sequence U+0063 'c'");
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\'\"")).hasMessage("unknown escape sequence U+0027 '''");
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\x.\"")).hasMessage("illegal character U+002E '.' in escape sequence");
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\400\"")).hasMessage("escape sequence is an invalid Unicode code point");
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\uD800\"")).hasMessage("escape sequence is an invalid Unicode code point");
        assertThatThrownBy(() -> GoQuoting.unquote("\"\\x4\"")).hasMessage("illegal character U+0022 '\"' in escape sequence");
    }
}
