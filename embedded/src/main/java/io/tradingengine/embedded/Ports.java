package io.tradingengine.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Picks TCP ports on the loopback interface for the embedded servers.
 *
 * <p>A port is only probed, then released: another process can still take it before the server binds it. That race
 * is accepted for a single-machine dev runtime.
 */
public final class Ports {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private Ports() {
    }

    /** The preferred port when it can be bound on 127.0.0.1, else a free ephemeral port. {@code 0} means any port. */
    public static int freeOr(int preferred) {
        return choose(preferred).port();
    }

    /** Like {@link #freeOr(int)}, and also tells whether the preferred port had to be replaced. */
    public static PortChoice choose(int preferred) {
        if (preferred < 0 || preferred > 65_535) {
            throw new IllegalArgumentException("port out of range: " + preferred);
        }
        if (preferred != 0 && isFree(preferred)) {
            return new PortChoice(preferred, preferred, false);
        }
        return new PortChoice(ephemeral(), preferred, preferred != 0);
    }

    /** True when {@code port} can be bound on 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers themselves (Kafka, PostgreSQL, Redis, Jetty): a live listener still makes bind fail,
            // but connections in TIME_WAIT from a server that just stopped do not make the port look taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeral() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK.getHostAddress(), e);
        }
    }
}
