package dev.strata.server.http;

/** Whose conventions an endpoint follows, which decides the shape of its error responses. */
public enum ApiFlavour {
    /** Prometheus query API: JSON {@code {"status":"error","errorType":...,"error":...}}. */
    PROMETHEUS,
    /** Prometheus remote-write receiver: plain-text reason. */
    PROMETHEUS_REMOTE_WRITE,
    /** Loki: plain-text reason. */
    LOKI,
    /** OTLP/HTTP: an encoded {@code google.rpc.Status}, protobuf or JSON as the request was. */
    OTLP,
    /** Operational endpoints and anything else: plain text, as Go's HTTP server answers. */
    PLAIN;

    /** The flavour of a path no route matched, by the API its prefix belongs to. */
    public static ApiFlavour forPath(String path) {
        if (path.equals("/api/v1/write")) {
            return PROMETHEUS_REMOTE_WRITE;
        }
        if (path.startsWith("/api/v1/") || path.startsWith("/prometheus/api/v1/")) {
            return PROMETHEUS;
        }
        if (path.startsWith("/loki/")) {
            return LOKI;
        }
        if (path.startsWith("/v1/") || path.startsWith("/otlp/v1/")) {
            return OTLP;
        }
        return PLAIN;
    }
}
