package dev.strata.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ingest.IngestOutcome;
import dev.strata.server.testing.TestingServer;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 connection behaviour seen on a raw socket: pipelining order, oversized bodies, garbage. */
final class TestHttpConnection {
    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (TestingServer server = TestingServer.ready(Map.of("server.max-body-bytes", "16"));
                Socket socket = new Socket("127.0.0.1", server.httpPort())) {
            CountDownLatch firstArrived = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            server.ingest().answer(() -> {
                firstArrived.countDown();
                await(release);
                return new IngestOutcome(1, 0, null);
            });
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/write HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA"
                    + "POST /api/v1/write HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n01234567890123456789"
                    + "GET /ready HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(firstArrived.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();

            String responses = readUntil(socket.getInputStream(), "ready\n");
            int first = responses.indexOf("HTTP/1.1 204");
            int second = responses.indexOf("HTTP/1.1 413");
            int third = responses.indexOf("HTTP/1.1 200");
            assertThat(first).isGreaterThanOrEqualTo(0);
            assertThat(second).isGreaterThan(first);
            assertThat(third).isGreaterThan(second);
            assertThat(responses).contains("request body too large: the limit is 16 bytes\n");
            assertThat(server.ingest().calls()).hasSize(1);
        }
    }

    @Test
    void garbageIsAnswered400AndTheServerKeepsServing() throws Exception {
        try (TestingServer server = TestingServer.ready()) {
            try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("HTTP/1.1 400");
            }
            try (Socket socket = new Socket("127.0.0.1", server.httpPort())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write("GET /ready HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertThat(response).startsWith("HTTP/1.1 200").endsWith("ready\n");
            }
        }
    }

    @Test
    void idleConnectionsAreClosedButNotWhileARequestIsServed() throws Exception {
        try (TestingServer server = TestingServer.ready(Map.of("server.idle-timeout", "1s"))) {
            CountDownLatch release = new CountDownLatch(1);
            server.ingest().answer(() -> {
                await(release);
                return new IngestOutcome(1, 0, null);
            });
            try (Socket idle = new Socket("127.0.0.1", server.httpPort());
                    Socket busy = new Socket("127.0.0.1", server.httpPort())) {
                idle.setSoTimeout(30_000);
                busy.setSoTimeout(30_000);
                busy.getOutputStream().write("POST /api/v1/write HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA"
                        .getBytes(StandardCharsets.US_ASCII));
                busy.getOutputStream().flush();
                // the idle connection is closed by the server: end of stream, no bytes
                assertThat(idle.getInputStream().read()).isEqualTo(-1);
                // the busy one outlived the same idle timeout and still gets its answer
                release.countDown();
                assertThat(readUntil(busy.getInputStream(), "\r\n\r\n")).startsWith("HTTP/1.1 204");
            }
        }
    }

    private static String readUntil(InputStream in, String end) throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!received.toString(StandardCharsets.US_ASCII).endsWith(end)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            received.write(buffer, 0, n);
        }
        return received.toString(StandardCharsets.US_ASCII);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
