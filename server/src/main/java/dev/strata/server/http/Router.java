package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps method and path to a handler. Patterns are literal segments and {@code {name}} segments
 * that match one non-empty path segment; the first route registered wins when several match.
 * Immutable and thread-safe once built.
 */
public final class Router {
    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A registered route.
     *
     * @param method upper-case method
     * @param pattern path pattern, e.g. {@code /api/traces/{traceId}}
     * @param endpoint the label under which requests are counted (the pattern)
     * @param flavour the error envelope of this API
     */
    public record Route(String method, String pattern, String endpoint, ApiFlavour flavour, HttpHandler handler) {
        public Route {
            requireNonNull(method, "method is null");
            requireNonNull(pattern, "pattern is null");
            requireNonNull(endpoint, "endpoint is null");
            requireNonNull(flavour, "flavour is null");
            requireNonNull(handler, "handler is null");
        }
    }

    /** The outcome of {@link #match}. */
    public sealed interface Match {}

    public record Found(Route route, Map<String, String> pathParameters) implements Match {
        public Found {
            requireNonNull(route, "route is null");
            pathParameters = Map.copyOf(requireNonNull(pathParameters, "pathParameters is null"));
        }
    }

    /** The path exists for other methods only. */
    public record MethodNotAllowed(Set<String> allowed) implements Match {
        public MethodNotAllowed {
            allowed = Set.copyOf(requireNonNull(allowed, "allowed is null"));
        }
    }

    public record NotFound() implements Match {}

    public Match match(String method, String path) {
        String[] segments = split(path);
        Set<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> parameters = matchPattern(split(route.pattern()), segments);
            if (parameters == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Found(route, parameters);
            }
            allowed.add(route.method());
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(allowed);
    }

    private static Map<String, String> matchPattern(String[] pattern, String[] segments) {
        if (pattern.length != segments.length) {
            return null;
        }
        Map<String, String> parameters = null;
        for (int i = 0; i < pattern.length; i++) {
            String expected = pattern[i];
            if (expected.length() > 2 && expected.startsWith("{") && expected.endsWith("}")) {
                if (segments[i].isEmpty()) {
                    return null;
                }
                if (parameters == null) {
                    parameters = new HashMap<>();
                }
                parameters.put(expected.substring(1, expected.length() - 1), segments[i]);
            } else if (!expected.equals(segments[i])) {
                return null;
            }
        }
        return parameters == null ? Map.of() : parameters;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    /** Collects routes; not thread-safe. */
    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        public Builder add(String method, String pattern, ApiFlavour flavour, HttpHandler handler) {
            if (!pattern.startsWith("/")) {
                throw new IllegalArgumentException("pattern must start with '/': " + pattern);
            }
            routes.add(new Route(method.toUpperCase(Locale.ROOT), pattern, pattern, flavour, handler));
            return this;
        }

        public Builder get(String pattern, ApiFlavour flavour, HttpHandler handler) {
            return add("GET", pattern, flavour, handler);
        }

        public Builder post(String pattern, ApiFlavour flavour, HttpHandler handler) {
            return add("POST", pattern, flavour, handler);
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
