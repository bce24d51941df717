package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.print.ParseQueryTree;
import dev.strata.promql.print.PromQlPrinter;
import dev.strata.server.http.FormParameters;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.spi.error.StrataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Prometheus endpoints whose answers do not depend on stored data: build information (without
 * {@code features}, so Grafana sees a plain Prometheus), empty rules and alerts until a ruler
 * exists, empty exemplars until exemplars are stored (Grafana's init probe only needs success),
 * and the query formatting and parse-tree endpoints. Thread-safe.
 */
public final class StaticApiHandlers {
    /** The Prometheus version Strata's API and PromQL semantics follow. */
    public static final String PROMETHEUS_VERSION = "3.5.0";

    private final PromQlParser parser;
    private final ObjectMapper mapper = new ObjectMapper();

    public StaticApiHandlers(PromQlParser parser) {
        this.parser = requireNonNull(parser, "parser is null");
    }

    /** {@code GET /api/v1/status/buildinfo}. */
    public HttpResponse buildInfo(HttpRequest request) {
        return SeriesMetadataHandlers.ok(writer -> write(writer, json -> {
            json.writeStartObject();
            json.writeStringField("version", PROMETHEUS_VERSION);
            json.writeStringField("revision", "strata");
            json.writeStringField("branch", "main");
            json.writeStringField("buildUser", "strata");
            json.writeStringField("buildDate", "");
            json.writeStringField("goVersion", "java" + Runtime.version().feature());
            json.writeEndObject();
        }), List.of());
    }

    /** {@code GET /api/v1/rules}: {@code {"groups":[]}}. */
    public HttpResponse rules(HttpRequest request) {
        return emptyListField("groups");
    }

    /** {@code GET /api/v1/alerts}: {@code {"alerts":[]}}. */
    public HttpResponse alerts(HttpRequest request) {
        return emptyListField("alerts");
    }

    /** {@code GET|POST /api/v1/query_exemplars}: the query must parse; the answer is {@code []}. */
    public HttpResponse exemplars(HttpRequest request) {
        PrometheusParameters parameters = new PrometheusParameters(FormParameters.of(request), parser);
        parameters.range();
        String query = parameters.string("query");
        if (!query.isEmpty()) {
            parse(query);
        }
        return SeriesMetadataHandlers.ok(writer -> writer.stringArray(List.of()), List.of());
    }

    /** {@code GET|POST /api/v1/format_query}: the query pretty-printed. */
    public HttpResponse formatQuery(HttpRequest request) {
        Expr expr = parse(FormParameters.of(request).first("query"));
        String formatted = PromQlPrinter.pretty(expr);
        return SeriesMetadataHandlers.ok(writer -> write(writer, json -> json.writeString(formatted)), List.of());
    }

    /** {@code GET|POST /api/v1/parse_query}: the syntax tree as Prometheus's UI reads it. */
    public HttpResponse parseQuery(HttpRequest request) {
        Expr expr = parse(FormParameters.of(request).first("query"));
        Object tree = ParseQueryTree.of(expr);
        return SeriesMetadataHandlers.ok(writer -> write(writer, json -> mapper.writeValue(json, tree)), List.of());
    }

    private Expr parse(String query) {
        try {
            return parser.parse(query);
        } catch (StrataException e) {
            throw PrometheusParameters.invalid("query", PromQlParser.prometheusMessage(e));
        }
    }

    private static HttpResponse emptyListField(String field) {
        return SeriesMetadataHandlers.ok(writer -> write(writer, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart(field);
            json.writeEndArray();
            json.writeEndObject();
        }), List.of());
    }

    private interface JsonBody {
        void write(JsonGenerator json) throws IOException;
    }

    private static void write(PrometheusJsonWriter writer, JsonBody body) {
        try {
            body.write(writer.generator());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
