package dev.strata.tests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for child processes that need a port number up front. */
public final class FreePorts {
    private FreePorts() {}

    /**
     * A port that was free a moment ago. Another process may take it before the child binds it;
     * harnesses retry their start when the child reports a bind failure.
     */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
