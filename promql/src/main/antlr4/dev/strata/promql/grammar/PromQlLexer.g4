/* PromQL lexer: see PromQl.g4 for the grammar notes. */
lexer grammar PromQlLexer;

tokens {
    METRIC_IDENTIFIER,
    AVG, BOTTOMK, COUNT, COUNT_VALUES, GROUP, MAX, MIN, QUANTILE, STDDEV, STDVAR, SUM, TOPK, LIMITK, LIMIT_RATIO,
    LAND, LOR, LUNLESS, ATAN2,
    BOOL, BY, GROUP_LEFT, GROUP_RIGHT, FILL, FILL_LEFT, FILL_RIGHT, IGNORING, OFFSET, SMOOTHED, ANCHORED, ON, WITHOUT,
    START, END, STEP, RANGE, MAX_OF, MIN_OF,
    ERROR
}

@members {
    /** Case-insensitive keyword lookup; "inf" and "nan" are numbers, as in Prometheus. */
    private int keywordType(String word) {
        switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "and": return LAND;
            case "or": return LOR;
            case "unless": return LUNLESS;
            case "atan2": return ATAN2;
            case "sum": return SUM;
            case "avg": return AVG;
            case "count": return COUNT;
            case "min": return MIN;
            case "max": return MAX;
            case "group": return GROUP;
            case "stddev": return STDDEV;
            case "stdvar": return STDVAR;
            case "topk": return TOPK;
            case "bottomk": return BOTTOMK;
            case "count_values": return COUNT_VALUES;
            case "quantile": return QUANTILE;
            case "limitk": return LIMITK;
            case "limit_ratio": return LIMIT_RATIO;
            case "offset": return OFFSET;
            case "smoothed": return SMOOTHED;
            case "anchored": return ANCHORED;
            case "by": return BY;
            case "without": return WITHOUT;
            case "on": return ON;
            case "ignoring": return IGNORING;
            case "group_left": return GROUP_LEFT;
            case "group_right": return GROUP_RIGHT;
            // fill modifiers are keywords only before "(", so "fill" stays a usable metric name
            case "fill": return followedByParen() ? FILL : IDENTIFIER;
            case "fill_left": return followedByParen() ? FILL_LEFT : IDENTIFIER;
            case "fill_right": return followedByParen() ? FILL_RIGHT : IDENTIFIER;
            case "bool": return BOOL;
            case "start": return START;
            case "end": return END;
            case "step": return STEP;
            case "range": return RANGE;
            case "max_of": return MAX_OF;
            case "min_of": return MIN_OF;
            case "inf":
            case "nan": return NUMBER;
            default: return word.indexOf(':') >= 0 ? METRIC_IDENTIFIER : IDENTIFIER;
        }
    }

    /** Inside brackets only the duration functions are words. */
    private int durationKeywordType(String word) {
        switch (word.toLowerCase(java.util.Locale.ROOT)) {
            case "step": return STEP;
            case "range": return RANGE;
            case "max_of": return MAX_OF;
            case "min_of": return MIN_OF;
            default: return BRACKET_ERROR;
        }
    }

    private boolean followedByParen() {
        for (int i = 1; ; i++) {
            int c = _input.LA(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '(';
            }
        }
    }
}


// ---------------------------------------------------------------- expressions


WS          : [ \t\r\n]+ -> skip ;
COMMENT     : '#' ~[\r\n]* -> skip ;

NUMBER
    : '0' [xX] '_'? HEX_DIGIT+ ('_' HEX_DIGIT+)*
    | DIGITS ('.' DIGITS?)? EXPONENT?
    | '.' DIGITS EXPONENT?
    ;
DURATION    : (DIGIT+ [smhdwy] 's'?)+ ;
// Anything else that starts like a number: Prometheus reports it as bad number syntax.
BAD_NUMBER  : (DIGIT | '.' DIGIT) [0-9a-zA-Z_.]* ;

STRING
    : '"' (ESCAPE | ~["\\\r\n])* '"'
    | '\'' (ESCAPE | ~['\\\r\n])* '\''
    | '`' ~'`'* '`'
    ;
UNTERMINATED_STRING : '"' (ESCAPE | ~["\\\r\n])* | '\'' (ESCAPE | ~['\\\r\n])* ;
UNTERMINATED_RAW    : '`' ~'`'* ;

IDENTIFIER  : [a-zA-Z_:] [a-zA-Z0-9_:]* { setType(keywordType(getText())); } ;

LEFT_PAREN  : '(' ;
RIGHT_PAREN : ')' ;
LEFT_BRACE  : '{' -> pushMode(BRACES) ;
LEFT_BRACKET: '[' -> pushMode(BRACKETS) ;
COMMA       : ',' ;
AT          : '@' ;
ADD         : '+' ;
SUB         : '-' ;
MUL         : '*' ;
DIV         : '/' ;
MOD         : '%' ;
POW         : '^' ;
EQLC        : '==' ;
NEQ         : '!=' ;
LTE         : '<=' ;
TRIM_UPPER  : '</' ;
LSS         : '<' ;
GTE         : '>=' ;
TRIM_LOWER  : '>/' ;
GTR         : '>' ;
EQL_TILDE_ERROR : '=~' ;
EQL         : '=' ;
BANG_ERROR  : '!' . ? ;
COLON       : ':' ;  // only produced inside brackets, declared here for the parser
RIGHT_BRACE : '}' ;
RIGHT_BRACKET : ']' ;
UNEXPECTED_CHAR : . ;

fragment DIGIT     : [0-9] ;
fragment DIGITS    : DIGIT+ ('_' DIGIT+)* ;
fragment HEX_DIGIT : [0-9a-fA-F] ;
fragment EXPONENT  : [eE] [+-]? DIGITS ;
fragment ESCAPE    : '\\' . ;

// ---------------------------------------------------------------- lexer: label matchers

mode BRACES;

BRACES_WS        : [ \t\r\n]+ -> skip ;
BRACES_COMMENT   : '#' ~[\r\n]* -> skip ;
BRACES_NAME      : [a-zA-Z_] [a-zA-Z0-9_]* -> type(IDENTIFIER) ;
BRACES_STRING
    : ( '"' (ESCAPE | ~["\\\r\n])* '"'
      | '\'' (ESCAPE | ~['\\\r\n])* '\''
      | '`' ~'`'* '`'
      ) -> type(STRING)
    ;
BRACES_UNTERMINATED_STRING : ('"' (ESCAPE | ~["\\\r\n])* | '\'' (ESCAPE | ~['\\\r\n])*) -> type(UNTERMINATED_STRING) ;
BRACES_UNTERMINATED_RAW    : '`' ~'`'* -> type(UNTERMINATED_RAW) ;
BRACES_COMMA     : ',' -> type(COMMA) ;
EQL_REGEX        : '=~' ;
NEQ_REGEX        : '!~' ;
BRACES_NEQ       : '!=' -> type(NEQ) ;
BRACES_EQL       : '=' -> type(EQL) ;
BRACES_BANG_ERROR: '!' . ? ;
BRACES_LEFT_BRACE_ERROR : '{' ;
BRACES_END       : '}' -> type(RIGHT_BRACE), popMode ;
BRACES_ERROR     : . ;

// ---------------------------------------------------------------- lexer: range and subquery durations

mode BRACKETS;

BRACKETS_WS      : [ \t\r\n]+ -> skip ;
BRACKETS_NUMBER
    : ( '0' [xX] '_'? HEX_DIGIT+ ('_' HEX_DIGIT+)*
      | DIGITS ('.' DIGITS?)? EXPONENT?
      | '.' DIGITS EXPONENT?
      ) -> type(NUMBER)
    ;
BRACKETS_DURATION: (DIGIT+ [smhdwy] 's'?)+ -> type(DURATION) ;
BRACKETS_BAD_NUMBER : (DIGIT | '.' DIGIT) [0-9a-zA-Z_.]* -> type(BAD_NUMBER) ;
BRACKETS_WORD    : [a-zA-Z_] [a-zA-Z0-9_]* { setType(durationKeywordType(getText())); } ;
BRACKETS_COLON   : ':' -> type(COLON) ;
BRACKETS_COMMA   : ',' -> type(COMMA) ;
BRACKETS_LEFT_PAREN  : '(' -> type(LEFT_PAREN) ;
BRACKETS_RIGHT_PAREN : ')' -> type(RIGHT_PAREN) ;
BRACKETS_ADD     : '+' -> type(ADD) ;
BRACKETS_SUB     : '-' -> type(SUB) ;
BRACKETS_MUL     : '*' -> type(MUL) ;
BRACKETS_DIV     : '/' -> type(DIV) ;
BRACKETS_MOD     : '%' -> type(MOD) ;
BRACKETS_POW     : '^' -> type(POW) ;
BRACKETS_LEFT_BRACKET_ERROR : '[' ;
BRACKETS_END     : ']' -> type(RIGHT_BRACKET), popMode ;
BRACKET_ERROR    : . ;
