package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every HTTP pipeline (HTTP/1.1 connections and HTTP/2 stream channels alike):
 * copies the aggregated request out of Netty's buffers (releasing them at once), hands it to the
 * worker executor and writes the response back. Reading from the connection pauses while a request
 * is being served, so HTTP/1.1 pipelined requests are answered in order and a slow store slows its
 * clients down instead of piling up requests; each HTTP/2 stream is its own channel, so streams
 * still run concurrently.
 */
@ChannelHandler.Sharable
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final RequestProcessor processor;
    private final Executor workers;

    RequestDispatcher(RequestProcessor processor, Executor workers) {
        this.processor = requireNonNull(processor, "processor is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest nettyRequest)) {
            ctx.fireChannelRead(msg);
            return;
        }
        long receivedAt = processor.nanoTime();
        HttpRequest request;
        boolean keepAlive;
        try {
            keepAlive = HttpUtil.isKeepAlive(nettyRequest);
            if (!nettyRequest.decoderResult().isSuccess()) {
                write(ctx, ErrorResponses.plainText(400, "malformed request: " + nettyRequest.decoderResult().cause()),
                        false);
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(nettyRequest.uri());
            request = new HttpRequest(nettyRequest.method().name(), uri.path(), uri.parameters(),
                    nettyRequest.headers().copy(), ByteBufUtil.getBytes(nettyRequest.content()), Map.of());
        } catch (IllegalArgumentException e) {
            write(ctx, ErrorResponses.plainText(400, "malformed request: " + e.getMessage()), false);
            return;
        } finally {
            ReferenceCountUtil.release(nettyRequest);
        }
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> write(ctx, processor.process(request, receivedAt), keepAlive));
        } catch (RejectedExecutionException e) {
            Router.Route route = processor.routeOrNull(request.method(), request.path());
            ApiFlavour flavour = route == null ? ApiFlavour.forPath(request.path()) : route.flavour();
            HttpResponse response = ErrorResponses.from(new StrataException(ServerErrorCode.OVERLOADED,
                    "server overloaded or shutting down, retry later"), flavour, request.contentType());
            processor.completed(request.method(), request.path(),
                    route == null ? RequestProcessor.UNMATCHED : route.endpoint(), response.status(),
                    processor.nanoTime() - receivedAt);
            write(ctx, response, keepAlive);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection failed [remote={}, error={}]", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Writes a response; safe from any thread (Netty hands the write to the channel's event loop). */
    static void write(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        FullHttpResponse nettyResponse = toNetty(response);
        if (keepAlive) {
            nettyResponse.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(nettyResponse).addListener((ChannelFutureListener) future -> {
                if (future.isSuccess()) {
                    future.channel().config().setAutoRead(true);
                } else {
                    future.channel().close();
                }
            });
        } else {
            nettyResponse.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(nettyResponse).addListener(ChannelFutureListener.CLOSE);
        }
    }

    static FullHttpResponse toNetty(HttpResponse response) {
        FullHttpResponse nettyResponse = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(response.status()), Unpooled.wrappedBuffer(response.body()));
        if (!response.contentType().isEmpty()) {
            nettyResponse.headers().set(HttpHeaderNames.CONTENT_TYPE, response.contentType());
        }
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            nettyResponse.headers().set(header.getKey(), header.getValue());
        }
        if (response.status() != 204) {
            HttpUtil.setContentLength(nettyResponse, response.body().length);
        }
        return nettyResponse;
    }
}
