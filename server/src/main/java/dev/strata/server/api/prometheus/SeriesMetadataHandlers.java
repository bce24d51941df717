package dev.strata.server.api.prometheus;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.strata.promql.parse.PromQlParser;
import dev.strata.server.BackendSlot;
import dev.strata.server.ServerErrorCode;
import dev.strata.server.http.FormParameters;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import dev.strata.server.http.Tenants;
import dev.strata.spi.error.StrataException;
import dev.strata.spi.model.LabelMatcher;
import dev.strata.spi.model.Labels;
import dev.strata.spi.model.TimeRange;
import dev.strata.spi.table.TelemetryTables;
import dev.strata.storage.Store;
import dev.strata.storage.write.MetricMetadata;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code /api/v1/labels}, {@code /api/v1/label/<name>/values}, {@code /api/v1/series} and
 * {@code /api/v1/metadata}, answered from the store's series index and the metric metadata
 * remote-write senders sent. Several {@code match[]} selectors select the union of their series;
 * a {@code limit} that cuts the answer adds Prometheus's warning. Thread-safe.
 */
public final class SeriesMetadataHandlers {
    static final String TRUNCATED_WARNING = "results truncated due to limit";

    private final BackendSlot backend;
    private final Tenants tenants;
    private final PromQlParser parser;

    public SeriesMetadataHandlers(BackendSlot backend, Tenants tenants, PromQlParser parser) {
        this.backend = requireNonNull(backend, "backend is null");
        this.tenants = requireNonNull(tenants, "tenants is null");
        this.parser = requireNonNull(parser, "parser is null");
    }

    /** {@code GET|POST /api/v1/labels}. */
    public HttpResponse labels(HttpRequest request) {
        PrometheusParameters parameters = parameters(request);
        TimeRange range = parameters.range();
        List<List<LabelMatcher>> selectors = parameters.matchers();
        int limit = parameters.limit();
        String tenant = tenants.writeTenant(request);
        Store store = backend.require().store();
        if (selectors.size() <= 1) {
            // the store's answer is already sorted and distinct
            return truncatedStrings(store.labelNames(tenant, TelemetryTables.SAMPLES, selectors.isEmpty() ? List.of() : selectors.get(0),
                    range), limit);
        }
        Set<String> names = new TreeSet<>();
        for (List<LabelMatcher> matchers : selectors) {
            names.addAll(store.labelNames(tenant, TelemetryTables.SAMPLES, matchers, range));
        }
        return truncatedStrings(List.copyOf(names), limit);
    }

    /** {@code GET /api/v1/label/<name>/values}; the name may be {@code U__}-escaped. */
    public HttpResponse labelValues(HttpRequest request) {
        String name = LabelNameEscaping.unescape(request.pathParameters().get("name"));
        if (name.isEmpty()) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER, "invalid label name: \"" + name + "\"");
        }
        PrometheusParameters parameters = parameters(request);
        TimeRange range = parameters.range();
        List<List<LabelMatcher>> selectors = parameters.matchers();
        int limit = parameters.limit();
        String tenant = tenants.writeTenant(request);
        Store store = backend.require().store();
        if (selectors.size() <= 1) {
            // the store's answer is already sorted and distinct
            return truncatedStrings(store.labelValues(tenant, TelemetryTables.SAMPLES, name,
                    selectors.isEmpty() ? List.of() : selectors.get(0), range), limit);
        }
        Set<String> values = new TreeSet<>();
        for (List<LabelMatcher> matchers : selectors) {
            values.addAll(store.labelValues(tenant, TelemetryTables.SAMPLES, name, matchers, range));
        }
        return truncatedStrings(List.copyOf(values), limit);
    }

    /** {@code GET|POST /api/v1/series}: at least one {@code match[]} is required. */
    public HttpResponse series(HttpRequest request) {
        PrometheusParameters parameters = parameters(request);
        TimeRange range = parameters.range();
        List<List<LabelMatcher>> selectors = parameters.matchers();
        if (selectors.isEmpty()) {
            throw new StrataException(ServerErrorCode.INVALID_PARAMETER, "no match[] parameter provided");
        }
        int limit = parameters.limit();
        String tenant = tenants.writeTenant(request);
        Store store = backend.require().store();
        List<Labels> series = sortedDistinct(store, tenant, selectors, range);
        List<String> warnings = series.size() > limit ? List.of(TRUNCATED_WARNING) : List.of();
        return ok(writer -> {
            try {
                writer.generator().writeStartArray();
                int written = 0;
                for (Labels labels : series) {
                    if (written++ == limit) {
                        break;
                    }
                    writer.labels(labels);
                }
                writer.generator().writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, warnings, (int) Math.min(1L << 24, 256L + (long) Math.min(series.size(), limit) * 160));
    }

    /** {@code GET /api/v1/metadata}: {@code metric}, {@code limit} (metrics) and {@code limit_per_metric}. */
    public HttpResponse metadata(HttpRequest request) {
        PrometheusParameters parameters = parameters(request);
        int limit = parameters.integer("limit", -1);
        int limitPerMetric = parameters.integer("limit_per_metric", -1);
        String metric = parameters.string("metric");
        String tenant = tenants.writeTenant(request);
        List<MetricMetadata> all = backend.require().store().metricMetadata(tenant);
        List<MetricMetadata> selected = new ArrayList<>();
        for (MetricMetadata m : all) {
            if (limit >= 0 && selected.size() >= limit) {
                break;
            }
            if (metric.isEmpty() || metric.equals(m.metricFamily())) {
                selected.add(m);
            }
        }
        return ok(writer -> {
            try {
                JsonGenerator json = writer.generator();
                json.writeStartObject();
                for (MetricMetadata m : selected) {
                    json.writeArrayFieldStart(m.metricFamily());
                    if (limitPerMetric != 0) { // one entry per family is kept; 0 keeps none, as Prometheus
                        json.writeStartObject();
                        json.writeStringField("type", m.type().prometheusName());
                        json.writeStringField("help", m.help());
                        json.writeStringField("unit", m.unit());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, List.of());
    }

    /**
     * The union of the selectors' label sets, sorted. One sort of an array instead of a tree set:
     * a selector's sets are already distinct, and the tree's node per set and rebalancing were
     * a third of a warm 800-series lookup.
     */
    private static List<Labels> sortedDistinct(Store store, String tenant, List<List<LabelMatcher>> selectors, TimeRange range) {
        List<Labels> all = new ArrayList<>();
        for (List<LabelMatcher> matchers : selectors) {
            all.addAll(store.labelSets(tenant, TelemetryTables.SAMPLES, matchers, range));
        }
        Labels[] sorted = all.toArray(new Labels[0]);
        Arrays.sort(sorted);
        if (selectors.size() == 1) {
            return Arrays.asList(sorted);
        }
        int n = 0;
        for (Labels labels : sorted) {
            if (n == 0 || !labels.equals(sorted[n - 1])) {
                sorted[n++] = labels;
            }
        }
        return Arrays.asList(sorted).subList(0, n);
    }

    private PrometheusParameters parameters(HttpRequest request) {
        return new PrometheusParameters(FormParameters.of(request), parser);
    }

    /** {@code values}: sorted and distinct. */
    private static HttpResponse truncatedStrings(List<String> values, int limit) {
        List<String> kept = values.size() > limit ? values.subList(0, limit) : values;
        List<String> warnings = values.size() > limit ? List.of(TRUNCATED_WARNING) : List.of();
        return ok(writer -> writer.stringArray(kept), warnings);
    }

    /** A 200 with the success envelope around what {@code data} writes. */
    static HttpResponse ok(Consumer<PrometheusJsonWriter> data, List<String> warnings) {
        return ok(data, warnings, 256);
    }

    /** @param sizeHint expected bytes of the body, so that large answers are not copied while growing */
    static HttpResponse ok(Consumer<PrometheusJsonWriter> data, List<String> warnings, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (PrometheusJsonWriter writer = new PrometheusJsonWriter(out)) {
            writer.beginSuccess();
            data.accept(writer);
            writer.endSuccess(warnings, List.of());
        }
        return HttpResponse.of(200, HttpResponse.APPLICATION_JSON, out.toByteArray());
    }
}
