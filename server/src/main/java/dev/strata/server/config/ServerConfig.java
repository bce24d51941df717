package dev.strata.server.config;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The network side of the server: listeners, threads, request limits, default tenant.
 *
 * @param httpPorts every port serves every HTTP API; 0 picks a free port
 * @param otlpGrpcPort OTLP/gRPC listener; 0 picks a free port
 * @param bindAddress address all listeners bind to
 * @param ioThreads Netty event-loop threads (I/O only, never request work)
 * @param workerThreads threads that run request handlers (decoding, blocking writes)
 * @param workerQueueSize requests waiting for a worker before new ones get 503
 * @param maxBodyBytes largest request body accepted (compressed size); larger gets 413
 * @param grpcMaxMessageBytes largest OTLP/gRPC message accepted (after decompression)
 * @param requestTimeout a request that waited this long for a worker is answered 503 unprocessed
 * @param idleTimeout a connection with no request in flight and no traffic for this long is closed
 * @param shutdownGracePeriod how long shutdown waits for in-flight requests
 * @param defaultTenant tenant of requests without {@code X-Scope-OrgID}
 * @param writeWarmUp wall time the start-up may spend sending remote-write requests through the
 *     real pipeline into a throw-away store before {@code /ready} ({@code dev.strata.server.warmup});
 *     zero disables it
 */
public record ServerConfig(
        List<Integer> httpPorts,
        int otlpGrpcPort,
        String bindAddress,
        int ioThreads,
        int workerThreads,
        int workerQueueSize,
        long maxBodyBytes,
        int grpcMaxMessageBytes,
        Duration requestTimeout,
        Duration idleTimeout,
        Duration shutdownGracePeriod,
        String defaultTenant,
        Duration writeWarmUp) {
    public static final String HTTP_PORTS = "server.http-ports";
    public static final String OTLP_GRPC_PORT = "server.otlp-grpc-port";
    public static final String BIND_ADDRESS = "server.bind-address";
    public static final String IO_THREADS = "server.io-threads";
    public static final String WORKER_THREADS = "server.worker-threads";
    public static final String WORKER_QUEUE_SIZE = "server.worker-queue-size";
    public static final String MAX_BODY_BYTES = "server.max-body-bytes";
    public static final String GRPC_MAX_MESSAGE_BYTES = "server.grpc-max-message-bytes";
    public static final String REQUEST_TIMEOUT = "server.request-timeout";
    public static final String IDLE_TIMEOUT = "server.idle-timeout";
    public static final String SHUTDOWN_GRACE_PERIOD = "server.shutdown-grace-period";
    public static final String DEFAULT_TENANT = "server.default-tenant";
    public static final String WRITE_WARM_UP = "server.write-warm-up";
    public static final Duration DEFAULT_WRITE_WARM_UP = Duration.ofSeconds(6);

    /** Loki, Tempo, Prometheus and OTLP/HTTP default ports, so clients work unchanged. */
    public static final List<Integer> DEFAULT_HTTP_PORTS = List.of(3100, 3200, 9090, 4318);
    public static final int DEFAULT_OTLP_GRPC_PORT = 4317;
    /** The body limit OTLP/HTTP recommends; also covers large remote_write and push batches. */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

    public ServerConfig {
        httpPorts = List.copyOf(requireNonNull(httpPorts, "httpPorts is null"));
        requireNonNull(bindAddress, "bindAddress is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(idleTimeout, "idleTimeout is null");
        requireNonNull(shutdownGracePeriod, "shutdownGracePeriod is null");
        requireNonNull(defaultTenant, "defaultTenant is null");
        requireNonNull(writeWarmUp, "writeWarmUp is null");
        check(!httpPorts.isEmpty(), HTTP_PORTS, httpPorts, "at least one port is needed");
        Set<Integer> seen = new HashSet<>();
        for (int port : httpPorts) {
            check(port >= 0 && port <= 65535, HTTP_PORTS, httpPorts, "ports are 0..65535");
            check(port == 0 || seen.add(port), HTTP_PORTS, httpPorts, "port " + port + " is listed twice");
        }
        check(otlpGrpcPort >= 0 && otlpGrpcPort <= 65535, OTLP_GRPC_PORT, otlpGrpcPort, "ports are 0..65535");
        check(otlpGrpcPort == 0 || !seen.contains(otlpGrpcPort), OTLP_GRPC_PORT, otlpGrpcPort,
                "already used by " + HTTP_PORTS);
        check(ioThreads >= 1, IO_THREADS, ioThreads, "must be at least 1");
        check(workerThreads >= 1, WORKER_THREADS, workerThreads, "must be at least 1");
        check(workerQueueSize >= 1, WORKER_QUEUE_SIZE, workerQueueSize, "must be at least 1");
        check(maxBodyBytes >= 1 && maxBodyBytes <= Integer.MAX_VALUE - 8, MAX_BODY_BYTES, maxBodyBytes,
                "must be between 1 byte and 2 GiB");
        check(grpcMaxMessageBytes >= 1, GRPC_MAX_MESSAGE_BYTES, grpcMaxMessageBytes, "must be at least 1 byte");
        check(requestTimeout.compareTo(Duration.ZERO) > 0, REQUEST_TIMEOUT, requestTimeout, "must be positive");
        check(idleTimeout.compareTo(Duration.ofSeconds(1)) >= 0, IDLE_TIMEOUT, idleTimeout, "must be at least 1s");
        check(!shutdownGracePeriod.isNegative(), SHUTDOWN_GRACE_PERIOD, shutdownGracePeriod, "must not be negative");
        check(!defaultTenant.isEmpty(), DEFAULT_TENANT, defaultTenant, "must not be empty");
        check(!writeWarmUp.isNegative(), WRITE_WARM_UP, writeWarmUp, "must not be negative");
    }

    /** With the default write warm-up. */
    public ServerConfig(List<Integer> httpPorts, int otlpGrpcPort, String bindAddress, int ioThreads, int workerThreads,
            int workerQueueSize, long maxBodyBytes, int grpcMaxMessageBytes, Duration requestTimeout, Duration idleTimeout,
            Duration shutdownGracePeriod, String defaultTenant) {
        this(httpPorts, otlpGrpcPort, bindAddress, ioThreads, workerThreads, workerQueueSize, maxBodyBytes, grpcMaxMessageBytes,
                requestTimeout, idleTimeout, shutdownGracePeriod, defaultTenant, DEFAULT_WRITE_WARM_UP);
    }

    public static ServerConfig defaults() {
        return from(new ConfigProperties(java.util.Map.of()));
    }

    /** Reads the {@code server.*} keys, defaulting every absent one. */
    public static ServerConfig from(ConfigProperties properties) {
        return new ServerConfig(
                properties.integerList(HTTP_PORTS, DEFAULT_HTTP_PORTS, 0, 65535),
                properties.integer(OTLP_GRPC_PORT, DEFAULT_OTLP_GRPC_PORT, 0, 65535),
                properties.string(BIND_ADDRESS, "0.0.0.0"),
                properties.integer(IO_THREADS, 2, 1, 1024),
                properties.integer(WORKER_THREADS, 16, 1, 4096),
                properties.integer(WORKER_QUEUE_SIZE, 1024, 1, 1 << 20),
                properties.bytes(MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE - 8),
                (int) properties.bytes(GRPC_MAX_MESSAGE_BYTES, DEFAULT_MAX_BODY_BYTES, 1, Integer.MAX_VALUE),
                properties.duration(REQUEST_TIMEOUT, Duration.ofSeconds(30)),
                properties.duration(IDLE_TIMEOUT, Duration.ofMinutes(5)),
                properties.duration(SHUTDOWN_GRACE_PERIOD, Duration.ofSeconds(30)),
                properties.string(DEFAULT_TENANT, "fake"),
                properties.duration(WRITE_WARM_UP, DEFAULT_WRITE_WARM_UP));
    }

    /** The same configuration listening on other ports (tests bind port 0). */
    public ServerConfig withPorts(List<Integer> newHttpPorts, int newOtlpGrpcPort) {
        return new ServerConfig(newHttpPorts, newOtlpGrpcPort, bindAddress, ioThreads, workerThreads, workerQueueSize,
                maxBodyBytes, grpcMaxMessageBytes, requestTimeout, idleTimeout, shutdownGracePeriod, defaultTenant, writeWarmUp);
    }

    /** The same configuration listening on another address (the write warm-up's loopback listener). */
    public ServerConfig withBindAddress(String newBindAddress) {
        return new ServerConfig(httpPorts, otlpGrpcPort, newBindAddress, ioThreads, workerThreads, workerQueueSize,
                maxBodyBytes, grpcMaxMessageBytes, requestTimeout, idleTimeout, shutdownGracePeriod, defaultTenant, writeWarmUp);
    }

    private static void check(boolean condition, String key, Object value, String reason) {
        if (!condition) {
            throw new StrataException(ServerErrorCode.INVALID_CONFIGURATION,
                    "invalid configuration " + key + "=" + value + ": " + reason);
        }
    }
}
