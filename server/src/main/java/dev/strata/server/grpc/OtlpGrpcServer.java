package dev.strata.server.grpc;

import static java.util.Objects.requireNonNull;

import dev.strata.server.config.ServerConfig;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP/gRPC listener (grpc-netty-shaded): gzip accepted, inbound messages capped by
 * {@code server.grpc-max-message-bytes}, calls served on the worker executor. Lifecycle:
 * {@link #start}, {@link #shutdown} (in-flight calls finish), {@link #awaitTermination}, {@link #close}.
 */
public final class OtlpGrpcServer implements AutoCloseable {
    private final Server server;

    public OtlpGrpcServer(ServerConfig config, List<ServerServiceDefinition> services, Executor workers) {
        requireNonNull(config, "config is null");
        requireNonNull(services, "services is null");
        requireNonNull(workers, "workers is null");
        NettyServerBuilder builder = NettyServerBuilder
                .forAddress(new InetSocketAddress(config.bindAddress(), config.otlpGrpcPort()))
                .executor(workers)
                .maxInboundMessageSize(config.grpcMaxMessageBytes());
        for (ServerServiceDefinition service : services) {
            builder.addService(service);
        }
        this.server = builder.build();
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start OTLP/gRPC listener: " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Stops accepting new calls; calls in flight continue. */
    public void shutdown() {
        server.shutdown();
    }

    /** Waits for in-flight calls; cancels them when {@code timeout} passes. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        server.shutdownNow();
        return server.awaitTermination(1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
