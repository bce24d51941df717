package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;

/**
 * One pipeline for HTTP/1.1 and cleartext HTTP/2 (h2c), both by {@code Upgrade: h2c} and with prior
 * knowledge. HTTP/1.1 requests are aggregated on the connection; HTTP/2 streams become child
 * channels that turn frames back into HTTP objects, so one dispatcher serves both.
 */
final class HttpChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final int maxBodyBytes;
    private final long idleTimeoutMillis;
    private final RequestProcessor processor;
    private final Executor workers;

    HttpChannelInitializer(int maxBodyBytes, Duration idleTimeout, RequestProcessor processor, Executor workers) {
        this.maxBodyBytes = maxBodyBytes;
        this.idleTimeoutMillis = idleTimeout.toMillis();
        this.processor = requireNonNull(processor, "processor is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        HttpServerCodec http1 = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(new StreamInitializer()))
                        : null,
                maxBodyBytes);
        ChannelInitializer<Channel> priorKnowledge = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel connection) {
                connection.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(new StreamInitializer()));
            }
        };
        ChannelPipeline pipeline = channel.pipeline();
        // closes idle connections (slow or abandoned clients); HTTP/2 connections are idle when no stream moves
        pipeline.addLast(new IdleStateHandler(0, 0, idleTimeoutMillis, TimeUnit.MILLISECONDS));
        pipeline.addLast(new IdleConnectionCloser());
        pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge));
        pipeline.addLast(new Http1Setup());
    }

    /** Reached by the first HTTP/1.x request that did not upgrade: installs aggregation and dispatch. */
    private final class Http1Setup extends SimpleChannelInboundHandler<HttpMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpMessage message) {
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.addAfter(ctx.name(), null, new RequestDispatcher(processor, workers));
            pipeline.replace(this, null, new BodyLimitAggregator(maxBodyBytes, processor));
            ctx.fireChannelRead(ReferenceCountUtil.retain(message));
        }
    }

    /**
     * Closes a connection idle for the idle timeout, unless a request on it is still being served
     * (an HTTP/1.1 request in the dispatcher, or an active HTTP/2 stream): a slow write must not
     * lose its answer.
     */
    private static final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (!(event instanceof IdleStateEvent)) {
                super.userEventTriggered(ctx, event);
                return;
            }
            Http2FrameCodec http2 = ctx.pipeline().get(Http2FrameCodec.class);
            RequestDispatcher http1 = ctx.pipeline().get(RequestDispatcher.class);
            boolean isBusy = (http2 != null && http2.connection().numActiveStreams() > 0)
                    || (http1 != null && http1.isServing());
            if (!isBusy) {
                ctx.close();
            }
        }
    }

    /** Pipeline of one HTTP/2 stream. */
    private final class StreamInitializer extends ChannelInitializer<Channel> {
        @Override
        protected void initChannel(Channel stream) {
            stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                    new BodyLimitAggregator(maxBodyBytes, processor), new RequestDispatcher(processor, workers));
        }
    }
}
