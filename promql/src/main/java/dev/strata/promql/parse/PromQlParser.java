package dev.strata.promql.parse;

import static java.util.Objects.requireNonNull;

import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.analyze.FunctionRegistry;
import dev.strata.promql.analyze.TypeChecker;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.VectorSelector;
import dev.strata.promql.grammar.PromQl;
import dev.strata.spi.error.SourceLocation;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

/**
 * Parses PromQL text into a type-checked {@link Expr}, with Prometheus's error messages. Parsed
 * trees are immutable, so recent ones are cached (dashboards repeat the same queries).
 *
 * <p>Errors are {@link StrataException}s with {@link PromQlErrorCode#PROMQL_SYNTAX} or
 * {@link PromQlErrorCode#PROMQL_SEMANTIC}, a location, and a raw message without position; the HTTP
 * API renders them with {@link #prometheusMessage(StrataException)} as Prometheus does:
 * {@code 1:5: parse error: unexpected end of input}.
 */
public final class PromQlParser {
    private static final int DEFAULT_CACHE_SIZE = 256;

    private final ParserOptions options;
    private final FunctionRegistry functions;
    private final Map<String, Expr> cache;

    public PromQlParser(ParserOptions options) {
        this(options, FunctionRegistry.standard(), DEFAULT_CACHE_SIZE);
    }

    public PromQlParser(ParserOptions options, FunctionRegistry functions, int cacheSize) {
        this.options = requireNonNull(options, "options is null");
        this.functions = requireNonNull(functions, "functions is null");
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize is negative: " + cacheSize);
        }
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Expr> eldest) {
                return size() > cacheSize;
            }
        };
    }

    public ParserOptions options() {
        return options;
    }

    /**
     * Parses and type-checks a query.
     *
     * @throws StrataException when Prometheus would reject the query at parse time
     */
    public Expr parse(String query) {
        requireNonNull(query, "query is null");
        synchronized (cache) {
            Expr cached = cache.get(query);
            if (cached != null) {
                return cached;
            }
        }
        Expr expr = parseUncached(query);
        synchronized (cache) {
            cache.put(query, expr);
        }
        return expr;
    }

    /**
     * Parses a lone series selector such as {@code up{job="api"}}, as Prometheus parses the
     * {@code match[]} parameter: no modifiers, and (as in Prometheus) no check that a matcher is
     * non-empty, which the API layer makes itself.
     *
     * @return the matchers, the metric name written before the braces last
     */
    public List<LabelMatcher> parseMetricSelector(String selector) {
        requireNonNull(selector, "selector is null");
        PromQl parser = newParser(selector);
        VectorSelector parsed = (VectorSelector) new AstBuilder(selector, options, functions).visit(parser.metricSelector());
        return parsed.matchers();
    }

    private Expr parseUncached(String query) {
        PromQl parser = newParser(query);
        PromQl.QueryContext tree = parser.query();
        Expr expr = new AstBuilder(query, options, functions).visit(tree);
        return new TypeChecker(query).check(expr);
    }

    private static PromQl newParser(String query) {
        PromQlTokenizer tokenizer = new PromQlTokenizer(CharStreams.fromString(query), query);
        CommonTokenStream tokens = new CommonTokenStream(tokenizer);
        tokens.fill();
        if (tokens.get(0).getType() == Token.EOF) {
            throw new StrataException(PromQlErrorCode.PROMQL_SYNTAX, new SourceLocation(1, 1), "no expression found in input");
        }
        PromQl parser = new PromQl(tokens);
        parser.removeErrorListeners();
        parser.addErrorListener(new SyntaxErrorListener(query, tokenizer, tokens));
        return parser;
    }

    /** Renders a parse failure as Prometheus's API does: {@code 1:5: parse error: <message>}. */
    public static String prometheusMessage(StrataException e) {
        String position = e.location().map(SourceLocation::toString).orElse("unknown position");
        return position + ": parse error: " + e.rawMessage();
    }
}
