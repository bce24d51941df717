package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request's parameters as Go's {@code Request.ParseForm} sees them: a form-encoded body's values
 * first, then the query string's, so that GET and form POST behave alike and a body value wins
 * over a query-string one in {@link #first}. Immutable.
 */
public final class FormParameters {
    public static final String FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

    private final Map<String, List<String>> values;

    private FormParameters(Map<String, List<String>> values) {
        this.values = values;
    }

    public static FormParameters of(HttpRequest request) {
        requireNonNull(request, "request is null");
        Map<String, List<String>> merged = new LinkedHashMap<>();
        if (request.body().length > 0 && request.contentType().equals(FORM_MEDIA_TYPE)) {
            String body = new String(request.body(), StandardCharsets.UTF_8);
            QueryStringDecoder form = new QueryStringDecoder(body, StandardCharsets.UTF_8, false, 10_000);
            append(merged, form.parameters());
        }
        append(merged, request.queryParameters());
        Map<String, List<String>> frozen = new LinkedHashMap<>();
        merged.forEach((name, list) -> frozen.put(name, List.copyOf(list)));
        return new FormParameters(frozen);
    }

    private static void append(Map<String, List<String>> into, Map<String, List<String>> from) {
        for (Map.Entry<String, List<String>> entry : from.entrySet()) {
            into.computeIfAbsent(entry.getKey(), name -> new ArrayList<>()).addAll(entry.getValue());
        }
    }

    /** The first value of {@code name}, or "" when absent (as Go's {@code FormValue}). */
    public String first(String name) {
        List<String> list = values.get(name);
        return list == null || list.isEmpty() ? "" : list.get(0);
    }

    /** Every value of a repeated parameter such as {@code match[]}, body values first. */
    public List<String> all(String name) {
        List<String> list = values.get(name);
        return list == null ? List.of() : list;
    }
}
