package dev.strata.server.metrics;

import static java.util.Objects.requireNonNull;

import dev.strata.server.http.HttpHandler;
import dev.strata.server.http.HttpRequest;
import dev.strata.server.http.HttpResponse;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code GET /metrics}: the process registry in the Prometheus text exposition format 0.0.4. */
public final class MetricsHandler implements HttpHandler {
    private final PrometheusRegistry registry;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    public MetricsHandler(PrometheusRegistry registry) {
        this.registry = requireNonNull(registry, "registry is null");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.of(200, writer.getContentType(), out.toByteArray());
    }
}
