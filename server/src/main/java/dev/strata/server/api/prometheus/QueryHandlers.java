package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.strata.engine.EngineErrorCode;
import dev.strata.engine.exec.QueryWorkerPool;
import dev.strata.engine.series.EvalGrid;
import dev.strata.engine.series.RawSeries;
import dev.strata.engine.series.StepSeries;
import dev.strata.engine.series.StepVector;
import dev.strata.promql.PromQlErrorCode;
import dev.strata.promql.ast.Expr;
import dev.strata.promql.ast.ParenExpr;
import dev.strata.promql.ast.StringLiteral;
import dev.strata.promql.ast.ValueType;
import dev.strata.promql.literal.LiteralSyntaxException;
import dev.strata.promql.literal.PromDurations;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.promql.plan.PromQlEngine;
import dev.strata.server.BackendSlot;
import dev.strata.server.ServerErrorCode;
import dev.strata.server.config.PromQlApiConfig;
import dev.strata.server.http.ErrorResponses;
import dev.strata.server.http.FormParameters;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;
import dev.strata.spi.error.ErrorCode;
import dev.strata.spi.error.StandardErrorCode;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.scan.TableSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET|POST /api/v1/query} and {@code /api/v1/query_range}: Prometheus's parameters,
 * validations, error types and JSON. Each query gets its own child allocator, closed (and so
 * leak-checked) once the answer is written; {@code explain=true} answers the plan text instead
 * of evaluating. Runs on a worker thread like every handler. Thread-safe.
 */
public final class QueryHandlers {
    private static final Logger LOG = LoggerFactory.getLogger(QueryHandlers.class);
    /** Prometheus's cap on points per series of a range query. */
    static final long MAX_POINTS_PER_SERIES = 11_000;
    /** Prometheus's default evaluation interval, the step of a subquery without one. */
    private static final long DEFAULT_SUBQUERY_STEP_MS = 60_000;

    private final TableSource source;
    private final BackendSlot backend;
    private final Tenants tenants;
    private final PromQlParser parser;
    private final BufferAllocator allocator;
    private final PromQlApiConfig config;
    private final InstantSource clock;
    private final QueryWorkerPool workers;

    public QueryHandlers(TableSource source, BackendSlot backend, Tenants tenants, PromQlParser parser,
            BufferAllocator allocator, PromQlApiConfig config, InstantSource clock) {
        this(source, backend, tenants, parser, allocator, config, clock, QueryWorkerPool.SEQUENTIAL);
    }

    /** @param workers the threads one query's sample scans may use (owned by the caller) */
    public QueryHandlers(TableSource source, BackendSlot backend, Tenants tenants, PromQlParser parser,
            BufferAllocator allocator, PromQlApiConfig config, InstantSource clock, QueryWorkerPool workers) {
        this.workers = requireNonNull(workers, "workers is null");
        this.source = requireNonNull(source, "source is null");
        this.backend = requireNonNull(backend, "backend is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.allocator = requireNonNull(allocator, "allocator is null");
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** {@code /api/v1/query}: {@code query}, {@code time} (default now), {@code timeout}, {@code lookback_delta}. */
    public HttpResponse instant(HttpRequest request) {
        FormParameters form = FormParameters.of(request);
        long nowMillis = clock.millis();
        long timeMillis = form.first("time").isEmpty()
                ? nowMillis
                : Math.floorDiv(PrometheusParameters.parseTimeNanos(form.first("time"), "time"), 1_000_000L);
        long timeoutMillis = timeout(form);
        PromQlEngine.Settings settings = settings(form);
        Expr expr = parse(form.first("query"));
        EvalGrid grid = EvalGrid.instant(timeMillis);
        if (isExplain(form)) {
            return explain(settings, expr, grid);
        }
        String tenant = tenants.writeTenant(request);
        backend.require(); // 503 before the store is open, rather than a scan failure
        return run(tenant, timeoutMillis, settings, (engine, writer) -> writeInstant(engine, tenant, expr, grid, writer));
    }

    /** {@code /api/v1/query_range}: {@code query}, {@code start}, {@code end}, {@code step}, {@code timeout}, {@code lookback_delta}. */
    public HttpResponse range(HttpRequest request) {
        FormParameters form = FormParameters.of(request);
        long startMillis = Math.floorDiv(PrometheusParameters.parseTimeNanos(form.first("start"), "start"), 1_000_000L);
        long endMillis = Math.floorDiv(PrometheusParameters.parseTimeNanos(form.first("end"), "end"), 1_000_000L);
        if (endMillis < startMillis) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER, "end timestamp must not be before start time");
        }
        long stepMillis = durationMillis(form.first("step"), "step");
        if (stepMillis <= 0) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((endMillis - startMillis) / stepMillis > MAX_POINTS_PER_SERIES) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER,
                    "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        long timeoutMillis = timeout(form);
        PromQlEngine.Settings settings = settings(form);
        Expr expr = parse(form.first("query"));
        ValueType type = expr.type();
        if (type != ValueType.SCALAR && type != ValueType.VECTOR) {
            throw PrometheusParameters.invalid("query", "invalid expression type \"" + type.documentedName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
        EvalGrid grid = new EvalGrid(startMillis, endMillis, stepMillis);
        if (isExplain(form)) {
            return explain(settings, expr, grid);
        }
        String tenant = tenants.writeTenant(request);
        backend.require();
        return run(tenant, timeoutMillis, settings, (engine, writer) -> {
            PromQlEngine.Evaluation evaluation = engine.evaluateAnnotated(tenant, expr, grid);
            writeMatrix(evaluation.value(), writer);
            return evaluation;
        });
    }

    /** Writes one query's {@code data} and returns the evaluation for its annotations. */
    @FunctionalInterface
    private interface Body {
        PromQlEngine.Evaluation write(PromQlEngine engine, PrometheusJsonWriter writer) throws IOException;
    }

    private HttpResponse run(String tenant, long timeoutMillis, PromQlEngine.Settings settings, Body body) {
        long startNanos = System.nanoTime();
        DeadlineTableSource deadline = new DeadlineTableSource(source, clock, clock.millis() + timeoutMillis);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (BufferAllocator query = allocator.newChildAllocator("promql-query", 0, Long.MAX_VALUE)) {
            PromQlEngine engine = new PromQlEngine(deadline, query, settings, workers);
            try (PrometheusJsonWriter writer = new PrometheusJsonWriter(out)) {
                writer.beginSuccess();
                PromQlEngine.Evaluation evaluation = body.write(engine, writer);
                deadline.check(); // a query that ran past its deadline without scanning again still times out
                writer.endSuccess(evaluation.warnings(), evaluation.infos());
            }
        } catch (StrataException e) {
            return evaluationError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.debug("promql query done [tenant={}, millis={}]", tenant, (System.nanoTime() - startNanos) / 1_000_000);
        return HttpResponse.of(200, HttpResponse.APPLICATION_JSON, out.toByteArray());
    }

    /** Prometheus's {@code returnAPIError}: timeouts are 503 {@code timeout}, evaluation failures 422 {@code execution}. */
    private static HttpResponse evaluationError(StrataException e) {
        ErrorCode code = e.errorCode();
        if (code.equals(StandardErrorCode.EXCEEDED_TIME_LIMIT.toErrorCode())) {
            return ErrorResponses.prometheus(503, "timeout", e.rawMessage());
        }
        if (code.equals(PromQlErrorCode.PROMQL_EXECUTION.toErrorCode())
                || code.equals(PromQlErrorCode.PROMQL_UNSUPPORTED.toErrorCode())
                || code.equals(EngineErrorCode.EVALUATION_ERROR.toErrorCode())
                || code.equals(EngineErrorCode.UNSUPPORTED_PLAN.toErrorCode())) {
            return ErrorResponses.prometheus(422, "execution", e.rawMessage());
        }
        throw e; // not ready, canceled, internal: the route's usual mapping
    }

    private PromQlEngine.Evaluation writeInstant(PromQlEngine engine, String tenant, Expr expr, EvalGrid grid,
            PrometheusJsonWriter writer) {
        long time = grid.startMs();
        switch (expr.type()) {
            case STRING -> {
                writer.string(time, stringValue(expr));
                return new PromQlEngine.Evaluation(new StepVector(grid, List.of()), List.of(), List.of());
            }
            case MATRIX -> {
                List<RawSeries> series = new ArrayList<>(engine.evaluateMatrix(tenant, expr, time));
                series.sort(Comparator.comparing(RawSeries::labels));
                writer.beginMatrix();
                for (RawSeries s : series) {
                    writer.beginSeries(s.labels());
                    for (int i = 0; i < s.size(); i++) {
                        writer.point(s.ts()[i], s.values()[i]);
                    }
                    writer.endSeries();
                }
                writer.endResult();
                return new PromQlEngine.Evaluation(new StepVector(grid, List.of()), List.of(), List.of());
            }
            case SCALAR -> {
                PromQlEngine.Evaluation evaluation = engine.evaluateAnnotated(tenant, expr, grid);
                List<StepSeries> series = evaluation.value().series();
                double value = series.isEmpty() || !series.get(0).present()[0] ? Double.NaN : series.get(0).values()[0];
                writer.scalar(time, value);
                return evaluation;
            }
            default -> {
                PromQlEngine.Evaluation evaluation = engine.evaluateAnnotated(tenant, expr, grid);
                writer.beginVector();
                for (StepSeries s : evaluation.value().series()) {
                    if (s.present()[0]) {
                        writer.vectorSample(s.labels(), time, s.values()[0]);
                    }
                }
                writer.endResult();
                return evaluation;
            }
        }
    }

    /** A range query's matrix: series sorted by labels, samples ascending, empty series left out. */
    private static void writeMatrix(StepVector value, PrometheusJsonWriter writer) {
        List<StepSeries> series = new ArrayList<>(value.series());
        series.sort(Comparator.comparing(StepSeries::labels));
        EvalGrid grid = value.grid();
        writer.beginMatrix();
        for (StepSeries s : series) {
            if (s.isEmpty()) {
                continue;
            }
            writer.beginSeries(s.labels());
            boolean[] present = s.present();
            double[] values = s.values();
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    writer.point(grid.at(i), values[i]);
                }
            }
            writer.endSeries();
        }
        writer.endResult();
    }

    private static String stringValue(Expr expr) {
        Expr inner = expr;
        while (inner instanceof ParenExpr paren) {
            inner = paren.expr();
        }
        if (inner instanceof StringLiteral literal) {
            return literal.value();
        }
        throw new StrataException(PromQlErrorCode.PROMQL_UNSUPPORTED, "unsupported string expression: " + expr);
    }

    private HttpResponse explain(PromQlEngine.Settings settings, Expr expr, EvalGrid grid) {
        String plan;
        try (BufferAllocator query = allocator.newChildAllocator("promql-explain", 0, Long.MAX_VALUE)) {
            plan = new PromQlEngine(source, query, settings).explain(expr, grid);
        } catch (StrataException e) {
            return evaluationError(e);
        }
        return SeriesMetadataHandlers.ok(writer -> {
            try {
                JsonGenerator json = writer.generator();
                json.writeStartObject();
                json.writeStringField("explain", plan);
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, List.of());
    }

    private static boolean isExplain(FormParameters form) {
        return form.first("explain").equals("true");
    }

    private Expr parse(String query) {
        try {
            return parser.parse(query);
        } catch (StrataException e) {
            throw PrometheusParameters.invalid("query", PromQlParser.prometheusMessage(e));
        }
    }

    /** The configured timeout, shortened by the request's {@code timeout} (0 or less: already expired, as in Prometheus). */
    private long timeout(FormParameters form) {
        long configured = config.timeout().toMillis();
        String text = form.first("timeout");
        if (text.isEmpty()) {
            return configured;
        }
        long requested = durationMillis(text, "timeout");
        return Math.min(requested, configured);
    }

    private PromQlEngine.Settings settings(FormParameters form) {
        long lookback = config.lookbackDelta().toMillis();
        String text = form.first("lookback_delta");
        if (!text.isEmpty()) {
            try {
                lookback = parseDurationMillis(text);
            } catch (IllegalArgumentException e) {
                throw new StrataException(ServerErrorCode.INVALID_PARAMETER,
                        "error parsing lookback delta duration: " + e.getMessage());
            }
            if (lookback <= 0) {
                lookback = config.lookbackDelta().toMillis(); // Prometheus treats 0 as "use the default"
            }
        }
        return new PromQlEngine.Settings(lookback, DEFAULT_SUBQUERY_STEP_MS, config.maxSamples());
    }

    private static long durationMillis(String text, String parameter) {
        try {
            return parseDurationMillis(text);
        } catch (IllegalArgumentException e) {
            throw PrometheusParameters.invalid(parameter, e.getMessage());
        }
    }

    /** Prometheus's {@code parseDuration}: float seconds, else a duration such as {@code 1m30s}. */
    static long parseDurationMillis(String text) {
        if (!text.isEmpty() && !Character.isWhitespace(text.charAt(0)) && !text.endsWith("d") && !text.endsWith("f")
                && !text.endsWith("D") && !text.endsWith("F")) {
            try {
                double seconds = Double.parseDouble(text);
                if (!Double.isNaN(seconds)) {
                    double nanos = seconds * 1e9;
                    if (nanos > Long.MAX_VALUE || nanos < Long.MIN_VALUE) {
                        throw new IllegalArgumentException("cannot parse \"" + text + "\" to a valid duration. It overflows int64");
                    }
                    return (long) nanos / 1_000_000L;
                }
            } catch (NumberFormatException notANumber) {
                // then a Prometheus duration
            }
        }
        try {
            return PromDurations.parseMillis(text);
        } catch (LiteralSyntaxException e) {
            throw new IllegalArgumentException("cannot parse \"" + text + "\" to a valid duration");
        }
    }
}
