/*
 * PromQL 3.x (Prometheus query language), written for Strata from the language reference.
 *
 * The lexer mirrors the three lexing contexts Prometheus has: expressions (default mode), label
 * matchers inside braces (BRACES: every word is a label name, never a keyword) and range or
 * subquery durations inside brackets (BRACKETS: only numbers, durations, arithmetic and the
 * duration functions step(), range(), min_of(), max_of()).
 *
 * Keywords are recognised case-insensitively by one identifier rule whose action reclassifies
 * the token, so that the parser can still accept most keywords where Prometheus accepts them as
 * metric or label names. Malformed input becomes dedicated error tokens; the tokenizer turns them
 * into Prometheus's lexer messages.
 */
parser grammar PromQl;

options { tokenVocab = PromQlLexer; }


query
    : expression EOF
    ;

// A lone selector, as in the match[] parameter of the series and label APIs.
metricSelector
    : vectorSelector EOF
    ;

// Alternatives are listed from the tightest binding to the loosest. Postfix modifiers bind
// tighter than every operator, unary minus binds looser than '^' (so -2^2 is -4) but tighter
// than '*', and '^' is right-associative.
expression
    : expression LEFT_BRACKET durationExpr RIGHT_BRACKET                                 # rangeSelector
    | expression LEFT_BRACKET durationExpr COLON durationExpr? RIGHT_BRACKET            # subquery
    | expression OFFSET offsetDuration                                                   # offset
    | expression AT atValue                                                              # at
    | expression ANCHORED                                                                # anchored
    | expression SMOOTHED                                                                # smoothed
    | <assoc=right> expression op=POW binModifier? expression                           # binary
    | op=(ADD | SUB) expression                                                          # unary
    | expression op=(MUL | DIV | MOD | ATAN2) binModifier? expression                   # binary
    | expression op=(ADD | SUB) binModifier? expression                                 # binary
    | expression op=(EQLC | NEQ | LTE | LSS | GTE | GTR | TRIM_UPPER | TRIM_LOWER) binModifier? expression # binary
    | expression op=(LAND | LUNLESS) binModifier? expression                            # binary
    | expression op=LOR binModifier? expression                                         # binary
    | aggregation                                                                        # aggregate
    | functionCall                                                                       # call
    | LEFT_PAREN expression RIGHT_PAREN                                                  # paren
    | vectorSelector                                                                     # selector
    | numberLiteral                                                                      # number
    | STRING                                                                             # string
    ;

aggregation
    : aggregateOp groupingClause functionArgs
    | aggregateOp functionArgs groupingClause?
    ;

aggregateOp
    : AVG | BOTTOMK | COUNT | COUNT_VALUES | GROUP | MAX | MIN | QUANTILE | STDDEV | STDVAR | SUM | TOPK
    | LIMITK | LIMIT_RATIO
    ;

groupingClause
    : (BY | WITHOUT) groupingLabels
    ;

functionCall
    : name=(IDENTIFIER | START | END | STEP | RANGE | MAX_OF | MIN_OF) functionArgs
    ;

functionArgs
    : LEFT_PAREN (expression (COMMA expression)* trailingComma=COMMA?)? RIGHT_PAREN
    ;

binModifier
    : BOOL
    | BOOL? (ON | IGNORING) groupingLabels ((GROUP_LEFT | GROUP_RIGHT) includeLabels)? fillModifiers?
    | BOOL? fillModifiers
    ;

// As in Prometheus, a "(" after group_left/group_right always opens the label list, even where
// reading it as the right operand would parse.
includeLabels
    : groupingLabels
    | {_input.LA(1) != LEFT_PAREN}?
    ;

fillModifiers
    : FILL fillValue
    | FILL_LEFT fillValue (FILL_RIGHT fillValue)?
    | FILL_RIGHT fillValue (FILL_LEFT fillValue)?
    ;

fillValue
    : LEFT_PAREN sign=(ADD | SUB)? numberLiteral RIGHT_PAREN
    ;

groupingLabels
    : LEFT_PAREN (groupingLabel (COMMA groupingLabel)* COMMA?)? RIGHT_PAREN
    ;

groupingLabel
    : labelName
    | STRING
    ;

// Words that Prometheus accepts as label names in grouping clauses although they are keywords.
labelName
    : IDENTIFIER | METRIC_IDENTIFIER
    | AVG | BOOL | BOTTOMK | BY | COUNT | COUNT_VALUES | GROUP | GROUP_LEFT | GROUP_RIGHT | FILL | FILL_LEFT
    | FILL_RIGHT | IGNORING | LAND | LOR | LUNLESS | MAX | MIN | OFFSET | ON | QUANTILE | STDDEV | STDVAR | SUM
    | TOPK | START | END | ATAN2 | LIMITK | LIMIT_RATIO | STEP | RANGE | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;

vectorSelector
    : metricName labelMatchers?
    | labelMatchers
    ;

// Words that Prometheus accepts as metric names although they are keywords.
metricName
    : IDENTIFIER | METRIC_IDENTIFIER
    | AVG | BOTTOMK | BY | COUNT | COUNT_VALUES | FILL | FILL_LEFT | FILL_RIGHT | GROUP | LAND | LOR | LUNLESS
    | MAX | MIN | OFFSET | QUANTILE | STDDEV | STDVAR | SUM | TOPK | WITHOUT | START | END | LIMITK | LIMIT_RATIO
    | STEP | RANGE | ANCHORED | SMOOTHED | MAX_OF | MIN_OF
    ;

labelMatchers
    : LEFT_BRACE (labelMatcher (COMMA labelMatcher)* COMMA?)? RIGHT_BRACE
    ;

labelMatcher
    : (IDENTIFIER | STRING) matchOp STRING       # labelMatch
    | STRING                                     # quotedMetricName
    ;

matchOp
    : EQL | NEQ | EQL_REGEX | NEQ_REGEX
    ;

atValue
    : sign=(ADD | SUB)? numberLiteral
    | (START | END) LEFT_PAREN RIGHT_PAREN
    ;

// After "offset" a literal or a duration function ends the modifier ("x offset 5m + 1" adds 1 to
// the selector); only a parenthesised duration expression continues with duration arithmetic.
offsetDuration
    : sign=(ADD | SUB)? numberLiteral                                                        # offsetLiteral
    | sign=(ADD | SUB)? op=(STEP | RANGE) LEFT_PAREN RIGHT_PAREN                              # offsetQueryParam
    | sign=(ADD | SUB)? op=(MAX_OF | MIN_OF) LEFT_PAREN durationExpr COMMA durationExpr RIGHT_PAREN # offsetMinMax
    | sign=(ADD | SUB) LEFT_PAREN durationExpr RIGHT_PAREN                                   # offsetSignedParen
    | {_input.LA(1) == LEFT_PAREN}? durationExpr                                             # offsetExpression
    ;

durationExpr
    : LEFT_PAREN durationExpr RIGHT_PAREN                                                    # durationParen
    | op=(MAX_OF | MIN_OF) LEFT_PAREN durationExpr COMMA durationExpr RIGHT_PAREN            # durationMinMax
    | op=(STEP | RANGE) LEFT_PAREN RIGHT_PAREN                                               # durationQueryParam
    | numberLiteral                                                                          # durationLiteral
    | <assoc=right> durationExpr op=POW durationExpr                                         # durationBinary
    | op=(ADD | SUB) durationExpr                                                            # durationUnary
    | durationExpr op=(MUL | DIV | MOD) durationExpr                                         # durationBinary
    | durationExpr op=(ADD | SUB) durationExpr                                               # durationBinary
    ;

numberLiteral
    : NUMBER
    | DURATION
    ;

