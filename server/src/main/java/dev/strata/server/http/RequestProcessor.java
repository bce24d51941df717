package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.server.logging.RequestLogContext;
import dev.strata.server.logging.TraceParent;
import dev.strata.server.metrics.ServerMetrics;
import dev.strata.spi.error.ErrorType;
import dev.strata.spi.error.StrataException;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one complete request on a worker thread: routes it, runs the handler, turns failures into
 * the route's error envelope, records metrics and the access log. Never throws: bad input or a
 * failing handler becomes a response and a log line. Thread-safe.
 */
public final class RequestProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RequestProcessor.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.strata.server.http.access");
    /** Endpoint label for requests no route matched (the path itself would be unbounded). */
    public static final String UNMATCHED = "unmatched";

    private final Router router;
    private final ServerMetrics metrics;
    private final long requestTimeoutNanos;
    private final LongSupplier nanoTime;

    public RequestProcessor(Router router, ServerMetrics metrics, Duration requestTimeout, LongSupplier nanoTime) {
        this.router = requireNonNull(router, "router is null");
        this.metrics = requireNonNull(metrics, "metrics is null");
        this.requestTimeoutNanos = requireNonNull(requestTimeout, "requestTimeout is null").toNanos();
        this.nanoTime = requireNonNull(nanoTime, "nanoTime is null");
    }

    /**
     * Serves {@code request}, which was fully received at {@code receivedAtNanos} (of the
     * injected clock); one that waited beyond the request timeout is refused unprocessed.
     */
    public HttpResponse process(HttpRequest request, long receivedAtNanos) {
        try (RequestLogContext ignored = RequestLogContext.open(request.headers().get(TraceParent.HEADER))) {
            Router.Match match = router.match(request.method(), request.path());
            String endpoint = UNMATCHED;
            HttpResponse response;
            if (match instanceof Router.Found found) {
                endpoint = found.route().endpoint();
                response = serve(found, request, receivedAtNanos);
            } else if (match instanceof Router.MethodNotAllowed notAllowed) {
                HttpResponse error = ErrorResponses.error(ApiFlavour.forPath(request.path()), 405,
                        "method " + request.method() + " not allowed", request.contentType());
                response = new HttpResponse(error.status(), error.contentType(), error.body(),
                        Map.of("Allow", String.join(", ", notAllowed.allowed())));
            } else {
                response = ErrorResponses.error(ApiFlavour.forPath(request.path()), 404, "404 page not found",
                        request.contentType());
            }
            long durationNanos = nanoTime.getAsLong() - receivedAtNanos;
            completed(request.method(), request.path(), endpoint, response.status(), durationNanos);
            return response;
        }
    }

    /** Records a request the transport answered itself (413 before aggregation, 503 when overloaded). */
    public void completed(String method, String path, String endpoint, int status, long durationNanos) {
        metrics.requestCompleted(endpoint, status, durationNanos);
        if (ACCESS.isDebugEnabled()) {
            ACCESS.debug("request [method={}, path={}, endpoint={}, status={}, duration_ms={}]",
                    method, path, endpoint, status, durationNanos / 1_000_000.0);
        }
    }

    /** The route and flavour a request would get, for responses made before it is complete. */
    public Router.Route routeOrNull(String method, String path) {
        return router.match(method, path) instanceof Router.Found found ? found.route() : null;
    }

    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    private HttpResponse serve(Router.Found found, HttpRequest request, long receivedAtNanos) {
        ApiFlavour flavour = found.route().flavour();
        if (nanoTime.getAsLong() - receivedAtNanos > requestTimeoutNanos) {
            LOG.warn("request expired in queue [method={}, path={}]", request.method(), request.path());
            return ErrorResponses.from(new StrataException(ServerErrorCode.OVERLOADED,
                    "server overloaded: request waited longer than the request timeout"), flavour, request.contentType());
        }
        try {
            return found.route().handler().handle(request.withPathParameters(found.pathParameters()));
        } catch (StrataException e) {
            HttpResponse response = ErrorResponses.from(e, flavour, request.contentType());
            if (e.errorType() == ErrorType.USER_ERROR) {
                LOG.debug("request rejected [path={}, status={}, code={}, reason={}]",
                        request.path(), response.status(), e.errorCode().name(), e.getMessage());
            } else if (e.errorType() == ErrorType.INTERNAL_ERROR || e.errorType() == ErrorType.EXTERNAL) {
                LOG.error("request failed [path={}, status={}, code={}]", request.path(), response.status(),
                        e.errorCode().name(), e);
            } else {
                LOG.warn("request refused [path={}, status={}, code={}, reason={}]",
                        request.path(), response.status(), e.errorCode().name(), e.getMessage());
            }
            return response;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            LOG.error("request failed [path={}, status=500]", request.path(), e);
            return ErrorResponses.error(flavour, 500, "internal error: " + e, request.contentType());
        }
    }
}
