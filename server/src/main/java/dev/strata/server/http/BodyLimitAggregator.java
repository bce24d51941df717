package dev.strata.server.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;

/**
 * Aggregates a request up to the body limit, and answers a larger one with 413 in the error
 * envelope of the API it was sent to (Netty's own answer has an empty body). As Netty does, the
 * connection stays open when the rest of the body can be skipped (Netty discards it) and closes
 * otherwise.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {
    private final RequestProcessor processor;
    private final long maxBodyBytes;

    BodyLimitAggregator(int maxBodyBytes, RequestProcessor processor) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
        this.processor = requireNonNull(processor, "processor is null");
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        if (!(oversized instanceof HttpRequest request)) {
            ctx.close();
            return;
        }
        long startedAt = processor.nanoTime();
        String path = new QueryStringDecoder(request.uri()).path();
        String method = request.method().name();
        Router.Route route = processor.routeOrNull(method, path);
        ApiFlavour flavour = route == null ? ApiFlavour.forPath(path) : route.flavour();
        HttpResponse response = ErrorResponses.error(flavour, 413,
                "request body too large: the limit is " + maxBodyBytes + " bytes",
                request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        processor.completed(method, path, route == null ? RequestProcessor.UNMATCHED : route.endpoint(), 413,
                processor.nanoTime() - startedAt);
        boolean keepAlive = !(oversized instanceof FullHttpMessage)
                && (HttpUtil.is100ContinueExpected(oversized) || HttpUtil.isKeepAlive(oversized));
        // answered by the dispatcher, so that it leaves after responses to earlier requests
        ctx.fireChannelRead(new RequestDispatcher.Answered(response, keepAlive));
    }
}
