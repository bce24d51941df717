package dev.strata.promql.parse;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.grammar.PromQlLexer;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenSource;
import org.antlr.v4.runtime.misc.Pair;

/** A token the lexer could not accept, carrying Prometheus's lexer message and error position. */
final class LexErrorToken extends CommonToken {
    private static final long serialVersionUID = 1L;

    private final String message;
    private final int errorPosition;

    LexErrorToken(Token original, String message, int errorPosition) {
        super(new Pair<TokenSource, CharStream>(original.getTokenSource(), original.getInputStream()), PromQlLexer.ERROR,
                Token.DEFAULT_CHANNEL, original.getStartIndex(), original.getStopIndex());
        this.message = requireNonNull(message, "message is null");
        this.errorPosition = errorPosition;
        setLine(original.getLine());
        setCharPositionInLine(original.getCharPositionInLine());
    }

    String message() {
        return message;
    }

    int errorPosition() {
        return errorPosition;
    }
}
