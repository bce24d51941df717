package dev.strata.promql.parse;

import dev.strata.promql.grammar.PromQlLexer;
import dev.strata.promql.literal.GoQuoting;
import dev.strata.promql.literal.LiteralSyntaxException;
import java.util.Optional;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.Token;

/**
 * The generated lexer plus the lexer state Prometheus keeps (parenthesis depth, whether a number was
 * seen inside brackets), turning malformed input into {@link LexErrorToken}s with Prometheus's wording.
 * String escapes are validated here because Prometheus validates them while lexing.
 */
final class PromQlTokenizer extends PromQlLexer {
    private final String query;
    private int parenDepth;
    private boolean numberInBracket;
    private String eofError;

    PromQlTokenizer(CharStream input, String query) {
        super(input);
        this.query = query;
        removeErrorListeners();
    }

    /** The lexer error Prometheus reports on reaching the end of input in the current state, if any. */
    Optional<String> eofError() {
        return Optional.ofNullable(eofError);
    }

    @Override
    public Token nextToken() {
        int modeBefore = _mode;
        Token token = super.nextToken();
        int type = token.getType();
        switch (type) {
            case LEFT_PAREN:
                parenDepth++;
                return token;
            case RIGHT_PAREN:
                parenDepth--;
                if (parenDepth < 0) {
                    return new LexErrorToken(token, "unexpected right parenthesis ')'", token.getStopIndex() + 1);
                }
                return token;
            case LEFT_BRACKET:
                numberInBracket = false;
                return token;
            case NUMBER:
            case DURATION:
                if (modeBefore == BRACKETS) {
                    numberInBracket = true;
                }
                return token;
            case STRING:
                try {
                    GoQuoting.unquote(token.getText());
                    return token;
                } catch (LiteralSyntaxException e) {
                    return error(token, e.getMessage());
                }
            case Token.EOF:
                eofError = eofMessage(modeBefore);
                return token;
            case BAD_NUMBER:
                return error(token, BadNumberScan.message(query, token.getStartIndex()));
            case UNTERMINATED_STRING:
                if (token.getStopIndex() + 1 == query.length() - 1 && query.charAt(query.length() - 1) == '\\') {
                    return error(token, "escape sequence not terminated");
                }
                return error(token, "unterminated quoted string");
            case UNTERMINATED_RAW:
                return error(token, "unterminated raw string");
            case EQL_TILDE_ERROR:
                return error(token, "unexpected character after '=': '~'");
            case BANG_ERROR:
                return error(token, "unexpected character after '!': " + GoQuoting.quoteRune(secondChar(token)));
            case RIGHT_BRACKET:
                if (modeBefore == DEFAULT_MODE) {
                    return error(token, "unexpected right bracket ']'");
                }
                return token;
            case RIGHT_BRACE:
                if (modeBefore == DEFAULT_MODE) {
                    return error(token, "unexpected character: '}'");
                }
                return token;
            case UNEXPECTED_CHAR:
                return error(token, "unexpected character: " + GoQuoting.quoteRune(firstChar(token)));
            case BRACES_BANG_ERROR:
                return error(token, "unexpected character after '!' inside braces: " + GoQuoting.quoteRune(secondChar(token)));
            case BRACES_LEFT_BRACE_ERROR:
                return error(token, "unexpected left brace '{'");
            case BRACES_ERROR:
                return error(token, "unexpected character inside braces: " + GoQuoting.quoteRune(firstChar(token)));
            case BRACKETS_LEFT_BRACKET_ERROR:
                return error(token, "unexpected left bracket '['");
            case BRACKET_ERROR:
                if (numberInBracket) {
                    return error(token, "unexpected character: " + GoQuoting.quoteRune(firstChar(token)) + ", expected ':'");
                }
                return error(token, "unexpected character in duration expression: " + GoQuoting.quoteRune(firstChar(token)));
            default:
                return token;
        }
    }

    private String eofMessage(int mode) {
        if (mode == BRACES) {
            return "unexpected end of input inside braces";
        }
        if (mode == BRACKETS && !numberInBracket) {
            return "unexpected end of input in duration expression";
        }
        if (parenDepth > 0) {
            return "unclosed left parenthesis";
        }
        if (mode == BRACKETS) {
            return "unclosed left bracket";
        }
        return null;
    }

    private static LexErrorToken error(Token token, String message) {
        return new LexErrorToken(token, message, token.getStartIndex());
    }

    private static int firstChar(Token token) {
        return token.getText().codePointAt(0);
    }

    private int secondChar(Token token) {
        int next = token.getStartIndex() + 1;
        // Go's lexer reports the end of input as the replacement character
        return next < query.length() ? query.codePointAt(next) : 0xFFFD;
    }
}
