package dev.strata.promql.parse;

import static dev.strata.promql.grammar.PromQlLexer.*;
import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.PositionRange;
import dev.strata.promql.literal.GoQuoting;
import dev.strata.spi.error.StrataException;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.BufferedTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

/**
 * Turns the first ANTLR syntax error into a {@link StrataException} worded as Prometheus's parser
 * words it: {@code unexpected <token>[ in <context>, expected <what>]}, or the lexer's message when
 * the input went wrong earlier at the character level. The context is derived from the tokens
 * before the offending one, matching the error productions of Prometheus's yacc grammar.
 */
final class SyntaxErrorListener extends BaseErrorListener {
    private final String query;
    private final PromQlTokenizer tokenizer;
    private final BufferedTokenStream tokens;

    SyntaxErrorListener(String query, PromQlTokenizer tokenizer, BufferedTokenStream tokens) {
        this.query = requireNonNull(query, "query is null");
        this.tokenizer = requireNonNull(tokenizer, "tokenizer is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
    }

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine, String msg, RecognitionException e) {
        if (!(offendingSymbol instanceof Token offending)) {
            throw error(query.length(), msg);
        }
        // Prometheus lexes lazily: a lexer error before the offending token is what it reports.
        for (int i = 0; i <= offending.getTokenIndex() && i < tokens.size(); i++) {
            if (tokens.get(i) instanceof LexErrorToken lexError) {
                throw error(lexError.errorPosition(), lexError.message());
            }
        }
        if (offending.getType() == Token.EOF && tokenizer.eofError().isPresent()) {
            throw error(query.length(), tokenizer.eofError().get());
        }
        String message = "unexpected " + describe(offending) + context(offending.getTokenIndex());
        int position = offending.getType() == Token.EOF ? query.length() : offending.getStartIndex();
        throw error(position, message);
    }

    private StrataException error(int position, String message) {
        PositionRange range = new PositionRange(Math.min(position, query.length()), Math.min(position, query.length()));
        return new StrataException(PromQlErrorCode.PROMQL_SYNTAX, range.location(query), message);
    }

    /** Prometheus's {@code Item.desc()}. */
    static String describe(Token token) {
        int type = token.getType();
        String text = token.getText();
        switch (type) {
            case Token.EOF:
                return "end of input";
            case IDENTIFIER:
                return "identifier " + GoQuoting.quote(text);
            case METRIC_IDENTIFIER:
                return "metric identifier " + GoQuoting.quote(text);
            case NUMBER:
                return "number " + shortQuote(text);
            case DURATION:
                return "duration " + shortQuote(text);
            case STRING:
                return "string " + shortQuote(text);
            case BOOL: case BY: case GROUP_LEFT: case GROUP_RIGHT: case FILL: case FILL_LEFT: case FILL_RIGHT: case IGNORING:
            case OFFSET: case SMOOTHED: case ANCHORED: case ON: case WITHOUT:
                return "<" + text + ">";
            case ADD: case DIV: case EQLC: case EQL_REGEX: case GTE: case GTR: case TRIM_UPPER: case TRIM_LOWER: case LAND:
            case LOR: case LSS: case LTE: case LUNLESS: case MOD: case MUL: case NEQ: case NEQ_REGEX: case POW: case SUB:
            case AT: case ATAN2:
                return "<op:" + text + ">";
            case AVG: case BOTTOMK: case COUNT: case COUNT_VALUES: case GROUP: case MAX: case MIN: case QUANTILE: case STDDEV:
            case STDVAR: case SUM: case TOPK: case LIMITK: case LIMIT_RATIO:
                return "<aggr:" + text + ">";
            default:
                return shortQuote(text);
        }
    }

    /** Go's {@code %.10q...} for long values, {@code %q} otherwise. */
    private static String shortQuote(String text) {
        if (text.length() > 10) {
            return GoQuoting.quote(text.substring(0, text.offsetByCodePoints(0, Math.min(10, text.codePointCount(0, text.length()))))) + "...";
        }
        return GoQuoting.quote(text);
    }

    private String context(int offendingIndex) {
        Token previous = offendingIndex > 0 ? tokens.get(offendingIndex - 1) : null;
        int prevType = previous == null ? -1 : previous.getType();
        int depth = 0;
        boolean colonInBracket = false;
        for (int i = offendingIndex - 1; i >= 0; i--) {
            int type = tokens.get(i).getType();
            if (type == RIGHT_BRACE || type == RIGHT_BRACKET || type == RIGHT_PAREN) {
                depth++;
            } else if (type == COLON && depth == 0) {
                colonInBracket = true;
            } else if (type == LEFT_BRACE || type == LEFT_BRACKET || type == LEFT_PAREN) {
                if (depth > 0) {
                    depth--;
                    continue;
                }
                if (type == LEFT_BRACE) {
                    return labelMatchingContext(prevType);
                }
                if (type == LEFT_BRACKET) {
                    return durationContext(prevType, colonInBracket);
                }
                int before = i > 0 ? tokens.get(i - 1).getType() : -1;
                if (isGroupingKeyword(before)) {
                    return prevType == LEFT_PAREN || prevType == COMMA
                            ? " in grouping opts, expected label"
                            : " in grouping opts, expected \",\" or \")\"";
                }
                break;
            }
        }
        if (prevType == OFFSET) {
            return " in offset, expected number, duration, step(), or range()";
        }
        if (prevType == AT) {
            return " in @, expected timestamp";
        }
        if (prevType == BY || prevType == WITHOUT || prevType == ON || prevType == IGNORING) {
            return " in grouping opts, expected \"(\"";
        }
        return "";
    }

    private static boolean isGroupingKeyword(int type) {
        return type == BY || type == WITHOUT || type == ON || type == IGNORING || type == GROUP_LEFT || type == GROUP_RIGHT;
    }

    private static String labelMatchingContext(int prevType) {
        if (prevType == EQL || prevType == NEQ || prevType == EQL_REGEX || prevType == NEQ_REGEX) {
            return " in label matching, expected string";
        }
        if (prevType == LEFT_BRACE || prevType == COMMA) {
            return " in label matching, expected identifier or \"}\"";
        }
        if (prevType == IDENTIFIER) {
            return " in label matching, expected label matching operator";
        }
        return " in label matching, expected \",\" or \"}\"";
    }

    private static String durationContext(int prevType, boolean colonInBracket) {
        if (prevType == COLON) {
            return " in subquery selector, expected number, duration, step(), range(), or \"]\"";
        }
        if (prevType == LEFT_BRACKET || prevType == ADD || prevType == SUB || prevType == MUL || prevType == DIV
                || prevType == MOD || prevType == POW || prevType == LEFT_PAREN || prevType == COMMA || prevType == STEP
                || prevType == RANGE || prevType == MAX_OF || prevType == MIN_OF) {
            return " in subquery or range selector, expected number, duration, step(), or range()";
        }
        return colonInBracket ? " in subquery selector, expected \"]\"" : " in subquery or range, expected \":\" or \"]\"";
    }
}
