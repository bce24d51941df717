package dev.strata.server.api.sql;

import static java.util.Objects.requireNonNull;

import dev.strata.engine.exec.QueryLimits;
import dev.strata.engine.exec.QueryResult;
import dev.strata.server.BackendSlot;
import dev.strata.server.ServerErrorCode;
import dev.strata.server.http.FormParameters;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;
import dev.strata.spi.error.StrataException;
import dev.strata.sql.SqlQueryService;
import dev.strata.sql.format.ResultFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /api/v1/sql}: runs the {@code query} parameter (query string or form body) as
 * the request's tenant and answers in the format of {@code format=} or else the {@code Accept}
 * header ({@code json} by default, {@code csv}, {@code arrow}). The tenant only names the schema
 * the plan is built over, so a query cannot reach another tenant's rows. Errors use Prometheus's
 * envelope: syntax and validation errors are 400 {@code bad_data} naming line and column. Runs on
 * a worker thread like every handler. Thread-safe.
 */
public final class SqlHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SqlHandler.class);

    private final SqlQueryService service;
    private final BackendSlot backend;
    private final Tenants tenants;
    private final QueryLimits limits;

    public SqlHandler(SqlQueryService service, BackendSlot backend, Tenants tenants, QueryLimits limits) {
        this.service = requireNonNull(service, "service is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    public HttpResponse handle(HttpRequest request) {
        FormParameters parameters = FormParameters.of(request);
        String sql = parameters.first("query");
        if (sql.isBlank()) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER, "missing parameter \"query\"");
        }
        ResultFormat format = format(parameters.first("format"), request.headers().get("accept"));
        String tenant = tenants.writeTenant(request);
        backend.require(); // 503 before the store is open, rather than a scan failure
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        long start = System.nanoTime();
        try (QueryResult result = service.execute(tenant, sql, limits)) {
            format.writer().write(result, out);
            LOG.debug("sql query done [tenant={}, format={}, rows={}, millis={}]", tenant, format, result.rowCount(),
                    (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(200, format.mediaType(), out.toByteArray());
    }

    /** {@code format=} wins; then the first {@code Accept} type we write; then JSON. */
    static ResultFormat format(String name, String accept) {
        if (!name.isEmpty()) {
            Optional<ResultFormat> named = ResultFormat.fromName(name);
            if (named.isEmpty()) {
                throw new StrataException(ServerErrorCode.UNSUPPORTED_FORMAT, "unsupported format \""
                        + name + "\"; supported formats are " + supported());
            }
            return named.get();
        }
        if (accept != null && !accept.isBlank()) {
            return ResultFormat.fromAccept(accept).orElse(ResultFormat.JSON);
        }
        return ResultFormat.JSON;
    }

    private static String supported() {
        return Arrays.stream(ResultFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }
}
