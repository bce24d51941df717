package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.server.testing.TestingServer;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 with prior knowledge (no upgrade; what gRPC-style and h2c-only clients do), through a
 * Netty HTTP/2 client: several streams on one connection, tenant header and body limit included.
 */
final class TestH2cPriorKnowledge {
    @Test
    void servesStreamsOnOneConnection() throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TestingServer server = TestingServer.ready(Map.of("server.max-body-bytes", "1KiB"))) {
            Channel connection = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            channel.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new SimpleChannelInboundHandler<Object>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {}
                                    }));
                        }
                    })
                    .connect("127.0.0.1", server.httpPort()).sync().channel();

            FullHttpResponse ready = exchange(connection, request(HttpMethod.GET, "/ready", new byte[0]));
            assertThat(ready.status().code()).isEqualTo(200);
            assertThat(ready.content().toString(StandardCharsets.UTF_8)).isEqualTo("ready\n");
            ready.release();

            FullHttpRequest push = request(HttpMethod.POST, "/loki/api/v1/push", "{\"streams\":[]}".getBytes(StandardCharsets.UTF_8));
            push.headers().set("X-Scope-OrgID", "h2-prior");
            push.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            FullHttpResponse pushed = exchange(connection, push);
            assertThat(pushed.status().code()).isEqualTo(204);
            pushed.release();
            assertThat(server.ingest().lastCall().tenant()).isEqualTo("h2-prior");
            assertThat(server.ingest().lastCall().request().body()).asString(StandardCharsets.UTF_8)
                    .isEqualTo("{\"streams\":[]}");

            FullHttpResponse tooLarge = exchange(connection, request(HttpMethod.POST, "/api/v1/write", new byte[2048]));
            assertThat(tooLarge.status().code()).isEqualTo(413);
            tooLarge.release();

            FullHttpResponse stillServing = exchange(connection, request(HttpMethod.GET, "/-/ready", new byte[0]));
            assertThat(stillServing.status().code()).isEqualTo(200);
            stillServing.release();
            connection.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static FullHttpRequest request(HttpMethod method, String path, byte[] body) {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path,
                Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1");
        HttpUtil.setContentLength(request, body.length);
        return request;
    }

    /** Sends one request on a new stream; the caller releases the response. */
    private static FullHttpResponse exchange(Channel connection, FullHttpRequest request) throws Exception {
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel channel) {
                        channel.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                                        response.complete(msg.retain());
                                    }
                                });
                    }
                })
                .open().sync().getNow();
        stream.writeAndFlush(request).sync();
        return response.get(10, TimeUnit.SECONDS);
    }
}
