package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import dev.strata.server.ServerErrorCode;
import dev.strata.spi.error.StrataException;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
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
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of every HTTP pipeline (HTTP/1.1 connections and HTTP/2 stream channels alike):
 * copies the aggregated request out of Netty's buffers (releasing them at once), hands it to the
 * worker executor and writes the response back. One request per channel is served at a time:
 * HTTP/1.1 pipelined requests wait in a small queue so that responses leave in request order, and
 * reading pauses meanwhile, so a slow store slows its clients down instead of piling up requests.
 * Each HTTP/2 stream is its own channel, so streams still run concurrently. One instance per
 * channel; its state is touched only on the channel's event loop.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    private final RequestProcessor processor;
    private final Executor workers;
    private final Queue<Pending> pipelined = new ArrayDeque<>();
    private boolean isServing;

    /** A request waiting for its turn; {@code answer} is set when the transport already answered it. */
    private record Pending(HttpRequest request, HttpResponse answer, boolean keepAlive, long receivedAt) {}

    /** A request the pipeline answered before aggregation (413), queued like any other. */
    record Answered(HttpResponse response, boolean keepAlive) {
        Answered {
            requireNonNull(response, "response is null");
        }
    }

    RequestDispatcher(RequestProcessor processor, Executor workers) {
        this.processor = requireNonNull(processor, "processor is null");
        this.workers = requireNonNull(workers, "workers is null");
    }

    /** Whether a request of this channel is being served (read on the event loop only). */
    boolean isServing() {
        return isServing;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof Answered answered) {
            enqueue(ctx, new Pending(null, answered.response(), answered.keepAlive(), 0));
            return;
        }
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
                writeAndClose(ctx, ErrorResponses.plainText(400,
                        "malformed request: " + nettyRequest.decoderResult().cause()));
                return;
            }
            QueryStringDecoder uri = new QueryStringDecoder(nettyRequest.uri());
            request = new HttpRequest(nettyRequest.method().name(), uri.path(), uri.parameters(),
                    nettyRequest.headers().copy(), ByteBufUtil.getBytes(nettyRequest.content()), Map.of());
        } catch (IllegalArgumentException e) {
            writeAndClose(ctx, ErrorResponses.plainText(400, "malformed request: " + e.getMessage()));
            return;
        } finally {
            ReferenceCountUtil.release(nettyRequest);
        }
        enqueue(ctx, new Pending(request, null, keepAlive, receivedAt));
    }

    private void enqueue(ChannelHandlerContext ctx, Pending pending) {
        ctx.channel().config().setAutoRead(false);
        if (isServing) {
            pipelined.add(pending);
        } else {
            serve(ctx, pending);
        }
    }

    private void serve(ChannelHandlerContext ctx, Pending pending) {
        isServing = true;
        if (pending.answer() != null) {
            respond(ctx, pending.answer(), pending.keepAlive());
            return;
        }
        HttpRequest request = pending.request();
        try {
            workers.execute(() -> respond(ctx, processor.process(request, pending.receivedAt()), pending.keepAlive()));
        } catch (RejectedExecutionException e) {
            Router.Route route = processor.routeOrNull(request.method(), request.path());
            ApiFlavour flavour = route == null ? ApiFlavour.forPath(request.path()) : route.flavour();
            HttpResponse response = ErrorResponses.from(new StrataException(ServerErrorCode.OVERLOADED,
                    "server overloaded or shutting down, retry later"), flavour, request.contentType());
            processor.completed(request.method(), request.path(),
                    route == null ? RequestProcessor.UNMATCHED : route.endpoint(), response.status(),
                    processor.nanoTime() - pending.receivedAt());
            respond(ctx, response, pending.keepAlive());
        }
    }

    /** Writes the response of the request being served, then serves the next one (or reads on). */
    private void respond(ChannelHandlerContext ctx, HttpResponse response, boolean keepAlive) {
        FullHttpResponse nettyResponse = toNetty(response);
        if (!keepAlive) {
            nettyResponse.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(nettyResponse).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        nettyResponse.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        // the listener runs on the event loop, where this handler's state lives
        ctx.writeAndFlush(nettyResponse).addListener((ChannelFutureListener) future -> {
            if (!future.isSuccess()) {
                pipelined.clear();
                future.channel().close();
                return;
            }
            isServing = false;
            Pending next = pipelined.poll();
            if (next != null) {
                serve(ctx, next);
            } else {
                future.channel().config().setAutoRead(true);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection failed [remote={}, error={}]", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static void writeAndClose(ChannelHandlerContext ctx, HttpResponse response) {
        FullHttpResponse nettyResponse = toNetty(response);
        nettyResponse.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(nettyResponse).addListener(ChannelFutureListener.CLOSE);
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
