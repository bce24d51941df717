package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.server.config.ServerConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listeners: every configured port serves the same routes. Event-loop threads do I/O
 * only; handlers run on the worker executor. Lifecycle: {@link #start}, {@link #stopAccepting}
 * (existing connections finish their requests), {@link #close}. Not thread-safe: the owner
 * drives the lifecycle from one thread.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    private final ServerConfig config;
    private final RequestProcessor processor;
    private final Executor workers;
    private final List<Channel> listeners = new ArrayList<>();
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;

    public HttpServer(ServerConfig config, RequestProcessor processor, Executor workers) {
        this.config = requireNonNull(config, "config is null");
        this.processor = requireNonNull(processor, "processor is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** Binds every port; on failure nothing stays bound. */
    public void start() {
        if (acceptGroup != null) {
            throw new IllegalStateException("already started");
        }
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("strata-http-accept"),
                NioIoHandler.newFactory());
        ioGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), new DefaultThreadFactory("strata-http-io"),
                NioIoHandler.newFactory());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpChannelInitializer((int) config.maxBodyBytes(), config.idleTimeout(), processor, workers));
        try {
            for (int port : config.httpPorts()) {
                listeners.add(bootstrap.bind(new InetSocketAddress(config.bindAddress(), port)).syncUninterruptibly()
                        .channel());
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.debug("http listening [ports={}]", boundPorts());
    }

    /** The ports actually bound, in configuration order (differs from the config for port 0). */
    public List<Integer> boundPorts() {
        List<Integer> ports = new ArrayList<>(listeners.size());
        for (Channel listener : listeners) {
            ports.add(((InetSocketAddress) listener.localAddress()).getPort());
        }
        return List.copyOf(ports);
    }

    /** Closes the listening sockets; open connections keep being served. */
    public void stopAccepting() {
        for (Channel listener : listeners) {
            listener.close().syncUninterruptibly();
        }
        listeners.clear();
    }

    /** Stops accepting, lets pending writes drain for up to {@code timeout}, closes every connection. */
    public void close(Duration timeout) {
        stopAccepting();
        if (ioGroup != null) {
            ioGroup.shutdownGracefully(100, Math.max(100, timeout.toMillis()), TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly();
            acceptGroup.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly();
            ioGroup = null;
            acceptGroup = null;
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(1));
    }
}
